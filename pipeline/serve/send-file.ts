import { Readable } from "node:stream";
import { open } from "node:fs/promises";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Send one file with ETag, Last-Modified, conditional requests (304) and a
 * single byte range (206, or 416 when it cannot be satisfied). The file is
 * opened first and everything (size, validators, bytes) comes from that one
 * open file: a build that swaps the output folder while the file is being
 * sent changes nothing in this response, so no reader gets a length from
 * one build and bytes from another (a stat by path and a later open would).
 */
export async function sendFile(req: FastifyRequest, reply: FastifyReply, file: string, type: string): Promise<FastifyReply> {
  const handle = await openRetrying(file);
  if (!handle) return reply.code(404).type("text/plain").send("not found\n");
  let handed = false;
  try {
    const st = await handle.stat();
    if (!st.isFile()) return reply.code(404).type("text/plain").send("not found\n");
    const size = st.size;
    const etag = `W/"${size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}-${st.ino.toString(16)}"`;
    const lastModified = new Date(Math.floor(st.mtimeMs / 1000) * 1000);
    reply.header("etag", etag).header("last-modified", lastModified.toUTCString()).header("accept-ranges", "bytes").header("x-content-type-options", "nosniff").type(type);

    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    const notModified = inm !== undefined ? inm.split(",").some((t) => t.trim() === etag || t.trim() === "*") : ims !== undefined && !Number.isNaN(Date.parse(ims)) && lastModified.getTime() <= Date.parse(ims);
    if (notModified) return reply.code(304).send();

    let start = 0;
    let end = size - 1;
    const range = req.headers.range;
    const ifRange = req.headers["if-range"];
    if (range && (ifRange === undefined || ifRange === etag || ifRange === lastModified.toUTCString())) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      if (m && (m[1] !== "" || m[2] !== "")) {
        if (m[1] === "") {
          start = Math.max(0, size - Number(m[2]));
        } else {
          start = Number(m[1]);
          end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
        }
        if (start >= size || start > end) {
          return reply.code(416).header("content-range", `bytes */${size}`).type("text/plain").send("range not satisfiable\n");
        }
        reply.code(206).header("content-range", `bytes ${start}-${end}/${size}`);
      }
      // Several ranges or a form not understood: the whole file (allowed by RFC 9110).
    }
    const length = size === 0 ? 0 : end - start + 1;
    reply.header("content-length", String(length));
    // An empty stream keeps the content-length (fastify sets 0 for an empty payload).
    if (req.method === "HEAD" || length === 0) return reply.send(Readable.from([]));
    handed = true;
    // The stream owns the handle from here and closes it when done or aborted.
    return reply.send(handle.createReadStream({ start, end }));
  } finally {
    if (!handed) await handle.close();
  }
}

/**
 * Open a file; while a build swaps the output folder (two renames) it is
 * missing for a moment, so a missing file is tried again twice before it
 * counts as not found.
 */
async function openRetrying(file: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open(file, "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 2) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EISDIR") return undefined;
        throw err;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
