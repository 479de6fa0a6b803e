#!/usr/bin/env python3
"""Imports real policies and the app's own PDF export of each, and prints a table: the
sections found in the source, the sections found in its PDF, whether the headings agree, and
the share of the source's words the import kept (heading numbers aside).

    python3 scripts/import-report.py [CLI] [FILES...]

CLI defaults to target/debug/clausewright-cli; FILES default to ../shared/seeds/*.txt and
../shared/corpus/*/*.md. Needs a CLI built with PDF export (the default build)."""
import collections, glob, json, os, re, subprocess, sys, tempfile

cli = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].endswith(('.md', '.txt', '.html', '.docx', '.pdf')) else 'target/debug/clausewright-cli'
files = [a for a in sys.argv[1:] if a != cli] or sorted(glob.glob('../shared/seeds/*.txt')) + sorted(glob.glob('../shared/corpus/*/*.md'))


def words(text):
    text = re.sub(r'\]\([^)]*\)', ' ', text)  # link targets are not words a reader sees
    text = re.sub(r'<[^>]+>', ' ', text)  # nor tags such as <br> in a Markdown table
    return collections.Counter(w.lower() for w in re.findall(r'[^\W_]+', text) if not w.isdigit() and not re.fullmatch(r'[IVX]+', w))


def preview(path):
    out = subprocess.run([cli, 'import', '--dry-run', '--json', path], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return json.loads(out.stdout)


def kept(p):
    return ' '.join([p['title']] + [('' if s['heading'] == 'Preamble' else s['heading']) + '\n' + s['body'] for s in p['sections']])


def share(source, got):
    a, b = words(source), words(got)
    return sum((a & b).values()) / max(1, sum(a.values()))


print('| file | sections | PDF sections | same headings | words kept | PDF words kept |')
print('|---|---|---|---|---|---|')
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'w.sqlite')
    for f in files:
        name = '/'.join(f.split('/')[-2:])
        src = open(f, encoding='utf-8', errors='replace').read()
        p = preview(f)
        heads = [s['heading'] for s in p['sections']]
        made = subprocess.run([cli, '--db', db, 'import', f], capture_output=True, text=True)
        doc = re.search(r'\d+', made.stdout)
        pdf = os.path.join(tmp, 'out.pdf')
        row = f"| {name} | {len(heads)} |"
        if made.returncode == 0 and doc and subprocess.run([cli, '--db', db, 'export', doc.group(0), '--format', 'pdf', '-o', pdf], capture_output=True).returncode == 0:
            try:
                q = preview(pdf)
                qh = [s['heading'] for s in q['sections']]
                row += f" {len(qh)} | {'yes' if qh == heads else 'no: ' + str(sorted(set(heads) ^ set(qh)))[:80]} | {share(src, kept(p)):.1%} | {share(kept(p), kept(q)):.1%} |"
            except RuntimeError as e:
                row += f" – | {str(e)[:60]} | {share(src, kept(p)):.1%} | – |"
        else:
            row += f" – | export failed | {share(src, kept(p)):.1%} | – |"
        print(row, flush=True)
