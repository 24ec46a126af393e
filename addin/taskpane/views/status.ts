/** The status line at the foot of the pane and the in-pane confirmation (window.confirm is blocked in Office). */
import { byId } from "../dom";

export type StatusKind = "info" | "progress" | "success" | "error";

export function showStatus(text: string, kind: StatusKind = "info"): void {
  const status = byId("status");
  status.textContent = text;
  status.dataset.kind = kind;
}

export function confirmInPane(message: string, yesLabel = "覆盖"): Promise<boolean> {
  const dialog = byId("confirm");
  byId("confirm-text").textContent = message;
  const yes = byId<HTMLButtonElement>("confirm-yes");
  const no = byId<HTMLButtonElement>("confirm-no");
  yes.textContent = yesLabel;
  dialog.hidden = false;
  return new Promise((resolve) => {
    const finish = (answer: boolean) => {
      dialog.hidden = true;
      yes.onclick = null;
      no.onclick = null;
      resolve(answer);
    };
    yes.onclick = () => finish(true);
    no.onclick = () => finish(false);
  });
}
