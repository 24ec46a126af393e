/**
 * One workbook action at a time. An insert and a refresh both write cells and the document's list
 * of Planbook tables, and both wait on the network between reading and writing; run side by side
 * they could write into each other's ranges, and one's status line would hide the other's
 * failure. So the pane lets one run, disables the buttons that would start another and, should a
 * click get through anyway (a keyboard shortcut, a button drawn a moment before), refuses it here.
 */

export class ActionGate {
  private running: string | null = null;

  constructor(private readonly onChange: (running: string | null) => void = () => {}) {}

  /** what is under way, e.g. "正在刷新表格", or null */
  get current(): string | null {
    return this.running;
  }

  /**
   * Runs `action` when nothing else is running and resolves true once it has finished (its
   * failure is passed on, the gate is released either way); resolves false at once, without
   * calling `action`, while another action runs.
   */
  async run(label: string, action: () => Promise<void>): Promise<boolean> {
    if (this.running !== null) return false;
    this.running = label;
    this.onChange(label);
    try {
      await action();
    } finally {
      this.running = null;
      this.onChange(null);
    }
    return true;
  }
}

/**
 * Marks a button that starts a workbook action (insert, refresh). `ownDisabled` is the view's own
 * reason to disable it (nothing to insert); it is kept in data-writes so that the end of a busy
 * spell restores it rather than enabling everything. A button drawn during an action (the preview
 * is redrawn after a refresh) starts disabled too.
 */
export function markWriteButton(button: HTMLButtonElement, ownDisabled: boolean): void {
  button.dataset.writes = ownDisabled ? "disabled" : "enabled";
  button.disabled = ownDisabled || document.body.dataset.busy === "true";
}

/** Disables (busy) or restores every write button now in the pane; body[data-busy] lets styles and tests see it. */
export function applyBusy(busy: boolean): void {
  if (busy) document.body.dataset.busy = "true";
  else delete document.body.dataset.busy;
  document.querySelectorAll<HTMLButtonElement>("button[data-writes]").forEach((button) => {
    button.disabled = busy || button.dataset.writes === "disabled";
  });
}
