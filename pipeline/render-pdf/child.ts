/**
 * Child-process entry of the PDF writer (see pool.ts): receives documents over
 * IPC one at a time, renders each with react-pdf (render.ts) and sends the
 * bytes, the writer's diagnostics and its own resident memory back. Separate
 * processes let documents render on several cores, and keep react-pdf's
 * process-wide state (fonts, caches) away from the build itself.
 */
import type { Diagnostic, RenderableDocument } from "../document/types.ts";
import { layoutAndRender } from "./render.ts";

export type ChildRequest = { id: number; doc: RenderableDocument };
export type ChildReply = { id: number; rss: number } & (
  | { ok: true; pdf: Uint8Array; diagnostics: Diagnostic[] }
  | { ok: false; message: string; stack?: string }
);

// End with the parent, however it ends (SIGKILL included): its IPC channel closes, or this
// process is handed to another parent. A render in progress is of no use to anyone then.
let busy = false;
const parent = process.ppid;
process.on("disconnect", () => process.exit(busy ? 1 : 0));
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();

// The pool may send the next document while this one renders: it waits here, and documents are
// rendered one at a time, in the order they came.
const waiting: ChildRequest[] = [];
process.on("message", (msg: ChildRequest) => {
  waiting.push(msg);
  next();
});

function next(): void {
  const msg = busy ? undefined : waiting.shift();
  if (!msg) return;
  busy = true;
  layoutAndRender(msg.doc)
    .then(
      ({ pdf, diagnostics }) => reply({ id: msg.id, ok: true, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), diagnostics }),
      (err: unknown) => reply({ id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }),
    )
    .then(next);
}

/** Sends a reply with this process's resident memory as it is after the render. */
function reply(r: DistributiveOmit<ChildReply, "rss">): void {
  busy = false;
  process.send!({ ...r, rss: process.memoryUsage.rss() } satisfies ChildReply);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
