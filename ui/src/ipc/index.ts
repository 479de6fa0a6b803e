// The only module that talks to Tauri. Everything else imports typed functions from here.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { Clause } from './bindings/Clause';
import type { ClauseDraft } from './bindings/ClauseDraft';
import type { ClauseRevision } from './bindings/ClauseRevision';
import type { Requirement } from './bindings/Requirement';
import type { SearchHit } from './bindings/SearchHit';
import type { TrashedClause } from './bindings/TrashedClause';
import type { VariableDef } from './bindings/VariableDef';
import type { TemplateSummary } from './bindings/TemplateSummary';
import type { Value } from './bindings/Value';
import type { VariantAdvice } from './bindings/VariantAdvice';
import type { Version } from './bindings/Version';
import type { VersionSummary } from './bindings/VersionSummary';
import type { Comparison } from './bindings/Comparison';
import type { Document } from './bindings/Document';
import type { DocumentSummary } from './bindings/DocumentSummary';
import type { ErrorKind } from './bindings/ErrorKind';
import type { Preview } from './bindings/Preview';
import type { Topic } from './bindings/Topic';
import type { WorkspaceInfo } from './bindings/WorkspaceInfo';
import type { AppEvent } from './bindings/AppEvent';
import type { ImportPreview } from './bindings/ImportPreview';
import type { Imported } from './bindings/Imported';
import type { Format } from './bindings/Format';
import type { RedlineFormat } from './bindings/RedlineFormat';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Report } from './bindings/Report';
import type { Comment } from './bindings/Comment';
import type { Proposal } from './bindings/Proposal';
import type { ReviewSummary } from './bindings/ReviewSummary';
import type { Decision } from './bindings/Decision';

export type {
  Clause,
  ClauseDraft,
  ClauseRevision,
  Document,
  DocumentSummary,
  ErrorKind,
  Preview,
  Requirement,
  SearchHit,
  Topic,
  TrashedClause,
  VariableDef,
  WorkspaceInfo,
  TemplateSummary,
  VariantAdvice,
  Value,
  Version,
  VersionSummary,
  Comparison,
};
export type { SectionChange } from './bindings/SectionChange';
export type { ImportPreview } from './bindings/ImportPreview';
export type { ImportedSection } from './bindings/ImportedSection';
export type { Imported } from './bindings/Imported';
export type { Format, RedlineFormat };
export type { DiffOp } from './bindings/DiffOp';
export type { ShownBlock } from './bindings/ShownBlock';
export type { ShownLine } from './bindings/ShownLine';
export type { ShownRow } from './bindings/ShownRow';
export type { ShownRun } from './bindings/ShownRun';
export type { RunFormat } from './bindings/RunFormat';
export type { LineStyle } from './bindings/LineStyle';
export type { Report };
export type { RequirementResult } from './bindings/RequirementResult';
export type { Finding } from './bindings/Finding';
export type { Evidence } from './bindings/Evidence';
export type { AppEvent };
export type { BackupInfo };
export type { BackupReason } from './bindings/BackupReason';
export type { Comment, Proposal, ReviewSummary, Decision };
export type { ProposalKind } from './bindings/ProposalKind';
export type { ProposalStatus } from './bindings/ProposalStatus';

/** One side of a comparison: a document's draft or one of its versions. */
/** A side of a comparison; `compared_file` is the file last picked with `compareWithFile`. */
export type Target = { kind: 'draft'; document_id: number } | { kind: 'version'; document_id: number; number: number } | { kind: 'compared_file' };
export type { Highlight } from './bindings/Highlight';
export type { Section } from './bindings/Section';

/** An error from the core, as `{kind, message}`; `ipc` when the call itself failed. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind | 'ipc',
    message: string,
  ) {
    super(message);
  }
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e && typeof e === 'object' && 'kind' in e && 'message' in e) {
    const p = e as { kind: unknown; message: unknown };
    return new AppError(String(p.kind) as ErrorKind, String(p.message));
  }
  return new AppError('ipc', e instanceof Error ? e.message : String(e));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const ipc = {
  workspaceInfo: () => call<WorkspaceInfo>('workspace_info'),
  listTopics: () => call<Topic[]>('list_topics'),
  listClauses: (topic?: string, jurisdiction?: string) =>
    call<Clause[]>('list_clauses', { topic: topic ?? null, jurisdiction: jurisdiction ?? null }),
  clausePreview: (id: string, revision?: number) =>
    call<Preview>('clause_preview', { id, revision: revision ?? null }),
  listDocuments: () => call<DocumentSummary[]>('list_documents'),
  getDocument: (id: number) => call<Document>('get_document', { id }),
  documentPreview: (id: number) => call<Preview>('document_preview', { id }),
  searchClauses: (query: string, topic?: string, jurisdiction?: string) =>
    call<SearchHit[]>('search_clauses', { query, topic: topic ?? null, jurisdiction: jurisdiction ?? null }),
  getClause: (id: string, revision?: number) => call<Clause>('get_clause', { id, revision: revision ?? null }),
  clauseRevisions: (id: string) => call<ClauseRevision[]>('clause_revisions', { id }),
  listVariables: () => call<VariableDef[]>('list_variables'),
  listRequirements: () => call<Requirement[]>('list_requirements'),
  createClause: (draft: ClauseDraft) => call<Clause>('create_clause', { draft }),
  updateClause: (id: string, baseRevision: number, draft: ClauseDraft) =>
    call<Clause>('update_clause', { id, baseRevision, draft }),
  duplicateClause: (id: string) => call<Clause>('duplicate_clause', { id }),
  deleteClause: (id: string) => call<null>('delete_clause', { id }),
  restoreClause: (id: string) => call<null>('restore_clause', { id }),
  listTrash: () => call<TrashedClause[]>('list_trash'),
  listTemplates: () => call<TemplateSummary[]>('list_templates'),
  createDocument: (title: string, template: string | null) => call<Document>('create_document', { title, template }),
  renameDocument: (id: number, baseRevision: number, title: string) =>
    call<number>('rename_document', { id, baseRevision, title }),
  duplicateDocument: (id: number) => call<Document>('duplicate_document', { id }),
  deleteDocument: (id: number) => call<null>('delete_document', { id }),
  restoreDocument: (id: number) => call<null>('restore_document', { id }),
  listDocumentTrash: () => call<DocumentSummary[]>('list_document_trash'),
  addSection: (documentId: number, baseRevision: number, clauseId: string, at: number | null) =>
    call<Document>('add_section', { documentId, baseRevision, clauseId, at }),
  addBlankSection: (documentId: number, baseRevision: number, heading: string, at: number | null) =>
    call<Document>('add_blank_section', { documentId, baseRevision, heading, at }),
  moveSection: (documentId: number, baseRevision: number, sectionId: number, to: number) =>
    call<Document>('move_section', { documentId, baseRevision, sectionId, to }),
  removeSection: (documentId: number, baseRevision: number, sectionId: number) =>
    call<Document>('remove_section', { documentId, baseRevision, sectionId }),
  updateSection: (documentId: number, baseRevision: number, sectionId: number, heading: string, body: string) =>
    call<number>('update_section', { documentId, baseRevision, sectionId, heading, body }),
  takeClauseUpdate: (documentId: number, baseRevision: number, sectionId: number) =>
    call<Document>('take_clause_update', { documentId, baseRevision, sectionId }),
  variantAdvice: (documentId: number) => call<VariantAdvice[]>('variant_advice', { documentId }),
  useVariant: (documentId: number, baseRevision: number, sectionId: number, clauseId: string) =>
    call<Document>('use_variant', { documentId, baseRevision, sectionId, clauseId }),
  setProfileValue: (documentId: number, baseRevision: number, name: string, value: Value | null) =>
    call<Document>('set_profile_value', { documentId, baseRevision, name, value }),
  restoreContent: (documentId: number, baseRevision: number, state: Document) =>
    call<Document>('restore_content', { documentId, baseRevision, state }),
  previewDraft: (document: Document) => call<Preview>('preview_draft', { document }),
  /** Hands the app the text as typed, at once, so closing the window cannot lose it. */
  stageSectionEdit: (documentId: number, baseRevision: number, sectionId: number, heading: string, body: string) =>
    call<null>('stage_section_edit', { documentId, baseRevision, sectionId, heading, body }),
  /** Subscribes to what the app tells the window unasked (a close request, another process's
   * write). Called once at start. */
  appEvents: (onEvent: (event: AppEvent) => void) => {
    const channel = new Channel<AppEvent>();
    channel.onmessage = onEvent;
    return call<null>('app_events', { channel });
  },
  /** Everything pending is saved: the window may close. */
  closeReady: () => call<null>('close_ready'),
  getAuthor: () => call<string | null>('get_author'),
  setAuthor: (name: string) => call<null>('set_author', { name }),
  saveVersion: (documentId: number, label: string, note: string) =>
    call<Version>('save_version', { documentId, label, note }),
  listVersions: (documentId: number) => call<VersionSummary[]>('list_versions', { documentId }),
  restoreVersion: (documentId: number, baseRevision: number, number: number) =>
    call<Document>('restore_version', { documentId, baseRevision, number }),
  compare: (old: Target, next: Target, ignoreWhitespace: boolean, ignoreCase: boolean) =>
    call<Comparison>('compare', { old, new: next, ignoreWhitespace, ignoreCase }),
  /** Opens a native file dialog in the app; null when cancelled. */
  compareWithFile: (old: Target, ignoreWhitespace: boolean, ignoreCase: boolean) =>
    call<[string, Comparison] | null>('compare_with_file', { old, ignoreWhitespace, ignoreCase }),
  /** Opens a native file dialog and reads the file without writing; null when cancelled. */
  importPick: () => call<[string, ImportPreview] | null>('import_pick'),
  importCommit: (preview: ImportPreview, into: number | null, facts: Record<string, string>, fileName: string) =>
    call<Imported>('import_commit', { preview, into, facts, fileName }),
  /** Makes the file, asks where to save it in a native dialog, writes it; the path written,
   * or null when the dialog was cancelled. */
  exportDocument: (documentId: number, version: number | null, format: Format) =>
    call<string | null>('export_document', { documentId, version, format }),
  /** A redline compared with the options the user looked at it with. */
  exportRedline: (old: Target, next: Target, format: RedlineFormat, ignoreWhitespace = false, ignoreCase = false) =>
    call<string | null>('export_redline', { old, new: next, format, ignoreWhitespace, ignoreCase }),
  /** What a document's draft discloses, lacks and contradicts, for the places its facts say it serves. */
  checkDocument: (documentId: number) => call<Report>('check_document', { documentId }),
  /** The workspace's backups, newest first. */
  listBackups: () => call<BackupInfo[]>('list_backups'),
  createBackup: () => call<BackupInfo>('create_backup'),
  /** Replaces the whole workspace with backup `id`; returns the backup of the state it replaced. */
  restoreBackup: (id: string) => call<BackupInfo>('restore_backup', { id }),
  /** Reviews what changed from version `old` to `next` (the draft when null): each change a proposal. */
  reviewVersions: (documentId: number, baseRevision: number, old: number, next: number | null) =>
    call<ReviewSummary>('review_versions', { documentId, baseRevision, old, new: next }),
  /** Opens a native dialog for a Word file counsel sent back; null when cancelled. */
  reviewWordFile: (documentId: number) => call<ReviewSummary | null>('review_word_file', { documentId }),
  listProposals: (documentId: number) => call<Proposal[]>('list_proposals', { documentId }),
  /** Accepts or rejects proposals (null opens them again; no ids: every open one); the draft as it now is. */
  decideProposals: (documentId: number, baseRevision: number, ids: number[], decision: Decision | null) =>
    call<Document>('decide_proposals', { documentId, baseRevision, ids, decision }),
  listComments: (documentId: number) => call<Comment[]>('list_comments', { documentId }),
  addComment: (documentId: number, version: number | null, sectionId: number, quote: string, start: number | null, text: string) =>
    call<Comment>('add_comment', { documentId, version, sectionId, quote, start, text }),
  replyToComment: (id: number, text: string) => call<Comment>('reply_to_comment', { id, text }),
  setCommentResolved: (id: number, resolved: boolean) => call<Comment>('set_comment_resolved', { id, resolved }),
};
