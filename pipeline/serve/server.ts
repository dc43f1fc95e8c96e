import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, posix, resolve, sep } from "node:path";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { TweeluikError } from "../errors.ts";
import { MEMBERS_DIR } from "../publish/access.ts";
import type { CatalogData } from "../publish/catalog.ts";
import { ACQ_TYPE, ENTRY_TYPE, NAV_TYPE, OPENSEARCH_TYPE, feedPath, searchFeed } from "../publish/opds.ts";
import { sendFile } from "./send-file.ts";
import { readMembers, tokenDigest, verifyPassword, type Member } from "./members.ts";

export interface ServeOptions {
  /** The built output folder. */
  output: string;
  /** The members file (outside the output folder). */
  membersFile: string;
  /** One access log line per request (default: none). */
  log?: (line: string) => void;
  /** Failed logins per address before it is blocked (default 20), and for how long (default 15 min). */
  maxFailures?: number;
  blockMs?: number;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Realm shown by the reader's login prompt. */
  realm?: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html;charset=utf-8",
  ".json": "application/json;charset=utf-8",
  ".xml": "application/xml;charset=utf-8",
  ".md": "text/markdown;charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".epub": "application/epub+zip",
  ".woff2": "font/woff2",
  ".css": "text/css;charset=utf-8",
  ".txt": "text/plain;charset=utf-8",
};

/** The content type of a file of the output folder: feeds are Atom with the OPDS profile and their kind. */
export function contentType(path: string): string {
  const p = path.startsWith(`${MEMBERS_DIR}/`) ? path.slice(MEMBERS_DIR.length + 1) : path;
  if (p === feedPath.root) return `${NAV_TYPE};charset=utf-8`;
  if (p === feedPath.opensearch) return `${OPENSEARCH_TYPE};charset=utf-8`;
  if (p.startsWith("opds/entry/")) return `${ENTRY_TYPE};charset=utf-8`;
  if (p.startsWith("opds/") && p.endsWith(".xml")) return `${ACQ_TYPE};charset=utf-8`;
  return TYPES[posix.extname(p).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Failed logins per client address: after `max` failures, each within
 * `windowMs` of the one before, the address gets 429 on every request that
 * needs a login until `windowMs` has passed since its last failure, whatever
 * the credentials.
 */
export class LoginLimiter {
  private failures = new Map<string, { count: number; last: number }>();
  constructor(
    readonly max: number,
    readonly windowMs: number,
    private now: () => number = Date.now,
  ) {}
  /** Milliseconds the address must still wait, 0 when it may try. */
  blocked(addr: string): number {
    const f = this.failures.get(addr);
    if (!f) return 0;
    const left = f.last + this.windowMs - this.now();
    if (left <= 0) {
      this.failures.delete(addr);
      return 0;
    }
    return f.count >= this.max ? left : 0;
  }
  fail(addr: string): void {
    const f = this.failures.get(addr);
    this.failures.set(addr, { count: (f && f.last + this.windowMs > this.now() ? f.count : 0) + 1, last: this.now() });
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }
}

/** Why a request path is refused before any file is looked at; undefined when it may be served. */
export function badPath(rawUrl: string): string | undefined {
  const path = rawUrl.split("?")[0]!;
  if (/%2f|%5c|%00/i.test(path)) return "encoded separator";
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "bad encoding";
  }
  if (decoded.includes("\\") || decoded.includes("\0")) return "bad character";
  if (decoded.split("/").some((seg) => seg === ".." || seg === ".")) return "dot segment";
  if (!decoded.startsWith("/") || decoded.startsWith("//")) return "not a path";
  return undefined;
}

const REALM = "Tweeluik members";

/**
 * `tweeluik serve`: the output folder over HTTP, read only (GET and HEAD),
 * on fastify; files are sent from one open file each (send-file.ts: ETag,
 * Last-Modified, 304, Range, content types), so a build that swaps the
 * output meanwhile never mixes two files in one response. Everything below
 * members/ needs a member's login (HTTP Basic) or
 * their feed token as the first path segment (`/t/<token>/members/…`, for
 * readers that cannot send credentials; relative links in the feeds keep the
 * prefix). Failed logins are limited per address; paths with `..`, encoded
 * separators or dot files never reach the disk; one access log line per
 * request, without passwords or tokens. Meant to run behind a reverse proxy
 * that terminates TLS (docs/serving.md).
 */
export async function createServer(opts: ServeOptions): Promise<FastifyInstance> {
  if (!existsSync(opts.output) || !statSync(opts.output).isDirectory()) {
    throw new TweeluikError("input:missing", "no output folder to serve: build first (tweeluik build)", { file: opts.output });
  }
  const root = realpathSync(opts.output);
  const membersFile = resolve(opts.membersFile);
  if (membersFile === root || membersFile.startsWith(root + sep)) {
    throw new TweeluikError("usage", "the members file must be outside the output folder", { file: membersFile });
  }
  const verified = new Map<string, number>();
  const limiter = new LoginLimiter(opts.maxFailures ?? 20, opts.blockMs ?? 15 * 60_000);
  const log = opts.log ?? (() => {});
  const realm = opts.realm ?? REALM;

  // Re-read when the file changes, so `tweeluik members` takes effect without a restart.
  // The file is replaced by a rename on every change, so its inode tells a new version even within one mtime tick.
  let cache: { version: string; members: Member[] } | undefined;
  const members = (): Member[] => {
    const st = existsSync(membersFile) ? statSync(membersFile) : undefined;
    const version = st ? `${st.ino}:${st.mtimeMs}:${st.size}` : "none";
    if (!cache || cache.version !== version) cache = { version, members: readMembers(membersFile).members };
    return cache.members;
  };

  const app = Fastify({ logger: false, trustProxy: opts.trustProxy ?? false, routerOptions: { maxParamLength: 200 }, return503OnClosing: true });

  app.addHook("onRequest", async (req, reply) => {
    (req as RequestWithUser).started = process.hrtime.bigint();
    if (req.method !== "GET" && req.method !== "HEAD") return reply.code(405).header("allow", "GET, HEAD").send("read only\n");
    const why = badPath(req.raw.url ?? "/");
    if (why) return reply.code(400).type("text/plain").send(`bad path: ${why}\n`);
  });
  app.addHook("onResponse", async (req, reply) => {
    const r = req as RequestWithUser;
    const ms = r.started ? Number(process.hrtime.bigint() - r.started) / 1e6 : 0;
    const url = (req.raw.url ?? "").replace(/^\/t\/[^/]+/, "/t/…");
    const bytes = reply.getHeader("content-length") ?? "-";
    log(`${new Date().toISOString()} ${req.ip} ${r.member ?? "-"} "${req.method} ${url}" ${reply.statusCode} ${bytes} ${ms.toFixed(1)}ms "${String(req.headers["user-agent"] ?? "-").replace(/"/g, "'")}"`);
  });

  /** Who is asking: a member's name, "blocked" with the wait, or undefined (no or wrong credentials; failures counted). */
  async function login(req: FastifyRequest, token?: string): Promise<{ member?: string; wait?: number }> {
    const wait = limiter.blocked(req.ip);
    if (wait > 0) return { wait };
    if (token !== undefined) {
      const digest = tokenDigest(token);
      const m = members().find((x) => x.token !== undefined && x.token === digest);
      if (m) return { member: m.name };
      limiter.fail(req.ip);
      return {};
    }
    const header = req.headers.authorization;
    if (!header?.startsWith("Basic ")) return {};
    const text = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = text.indexOf(":");
    const [name, password] = colon < 0 ? [text, ""] : [text.slice(0, colon), text.slice(colon + 1)];
    const m = members().find((x) => x.name === name);
    // A reader sends the same credentials with every feed page and cover: a good check is
    // remembered for a few minutes (keyed by a digest that includes the stored hash, so a
    // changed password or a removed member is checked again), so scrypt runs once, not per request.
    const key = m && createHash("sha256").update(`${m.name}\0${password}\0${m.password}`).digest("hex");
    if (key && (verified.get(key) ?? 0) > Date.now()) return { member: m.name };
    // A hash is checked even for an unknown name, so the answer takes as long either way.
    const ok = await verifyPassword(password, m?.password ?? DUMMY_HASH);
    if (key && ok) {
      if (verified.size > 10_000) verified.clear();
      verified.set(key, Date.now() + 5 * 60_000);
    }
    // A good login does not clear the count: one member's password must not buy guesses at another's.
    if (m && ok) return { member: m.name };
    limiter.fail(req.ip);
    return {};
  }

  async function serve(req: FastifyRequest, reply: FastifyReply, rel: string, token?: string): Promise<FastifyReply> {
    rel = rel.replace(/^\/+/, "");
    if (isAbsolute(rel) || rel.split("/").some((s) => s === ".." || s.startsWith("."))) return reply.code(404).send("not found\n");
    const isMembers = rel === MEMBERS_DIR || rel.startsWith(`${MEMBERS_DIR}/`);
    if (isMembers || token !== undefined) {
      const who = await login(req, token);
      if (who.wait) return reply.code(429).header("retry-after", String(Math.ceil(who.wait / 1000))).send("too many failed logins: try again later\n");
      if (!who.member) {
        if (token === undefined) reply.header("www-authenticate", `Basic realm="${realm}", charset="UTF-8"`);
        return reply.code(401).type("text/plain").send("login required\n");
      }
      (req as RequestWithUser).member = who.member;
      reply.header("cache-control", "private, no-cache");
    } else {
      reply.header("cache-control", "public, no-cache");
    }
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    if (rel === MEMBERS_DIR) rel = `${MEMBERS_DIR}/index.html`;
    if (posix.basename(rel) === feedPath.search) return search(req, reply, rel);
    const abs = join(root, rel);
    // A link inside the output that points out of it is not followed.
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      // Missing now; sendFile tries again (a build may be swapping the output) and answers 404.
    }
    if (real !== root && !real.startsWith(root + sep)) return reply.code(404).type("text/plain").send("not found\n");
    return sendFile(req, reply, real, contentType(rel));
  }

  function search(req: FastifyRequest, reply: FastifyReply, rel: string): FastifyReply {
    const dir = posix.dirname(rel) === "." ? "" : posix.dirname(rel);
    const file = join(root, dir, "catalog.json");
    if (dir !== "" && dir !== MEMBERS_DIR) return reply.code(404).send("not found\n");
    if (!existsSync(file)) return reply.code(404).send("no catalogue\n");
    const data = JSON.parse(readFileSync(file, "utf8")) as CatalogData;
    const q = String((req.query as Record<string, unknown>).q ?? "").slice(0, 200);
    const title = data.title.nl === data.title.en ? data.title.nl : `${data.title.nl} · ${data.title.en}`;
    return reply.type(`${ACQ_TYPE};charset=utf-8`).send(searchFeed(data.editions, q, { dir, title, author: data.title.nl }));
  }

  app.get("/t/:token/*", async (req, reply) => {
    const { token } = req.params as { token: string };
    return serve(req, reply, (req.params as Record<string, string>)["*"] ?? "", token);
  });
  app.get("/*", async (req, reply) => serve(req, reply, (req.params as Record<string, string>)["*"] ?? ""));
  app.setNotFoundHandler((_req, reply) => reply.code(404).type("text/plain").send("not found\n"));
  return app;
}

interface RequestWithUser extends FastifyRequest {
  member?: string;
  started?: bigint;
}

/** A valid hash of no password anyone has: checked for unknown names so timing does not tell names apart. */
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
