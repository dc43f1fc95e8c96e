/**
 * Child-process entry of the PDF writer: receives one document over IPC,
 * renders it with a fresh react-pdf (render.ts) and sends the bytes and the
 * writer's diagnostics back.
 * A process per document keeps react-pdf's font state from leaking from one
 * document into the next, and lets documents render on several cores.
 */
import type { Diagnostic, RenderableDocument } from "../document/types.ts";
import { layoutAndRender } from "./render.ts";

export type ChildRequest = { doc: RenderableDocument };
export type ChildReply = { ok: true; pdf: Uint8Array; diagnostics: Diagnostic[] } | { ok: false; message: string; stack?: string };

// End with the parent, however it ends (SIGKILL included): its IPC channel closes, or this
// process is handed to another parent. A render in progress is of no use to anyone then.
let replied = false;
const parent = process.ppid;
process.on("disconnect", () => process.exit(replied ? 0 : 1));
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();

process.once("message", (msg: ChildRequest) => {
  layoutAndRender(msg.doc).then(
    ({ pdf, diagnostics }) => reply({ ok: true, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), diagnostics }),
    (err: unknown) => reply({ ok: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }),
  );
});

function reply(r: ChildReply): void {
  replied = true;
  process.send!(r, () => process.disconnect());
}
