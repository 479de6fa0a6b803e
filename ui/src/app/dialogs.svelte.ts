// Dialogs that carry nothing but being open. Open one with `dialogs.open(name)` from a button
// or a key, and give it a block in App.svelte's dialog list; to add one, add its name here.
// (Import and export dialogs carry what they work on, so their flows hold that instead.)
export type DialogName = 'palette' | 'new-document' | 'save-version' | 'backups';

export class Dialogs {
  private shown = $state<Partial<Record<DialogName, boolean>>>({});

  isOpen(name: DialogName): boolean {
    return this.shown[name] === true;
  }

  open(name: DialogName): void {
    this.shown[name] = true;
  }

  close(name: DialogName): void {
    this.shown[name] = false;
  }
}
