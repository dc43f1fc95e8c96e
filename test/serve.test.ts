// `tweeluik serve` on a loopback port over a small built output, with a test member.
import { createHash } from "node:crypto";
import { request } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, readMembers, removeMember, setToken } from "../pipeline/serve/members.ts";
import { createServer, LoginLimiter } from "../pipeline/serve/server.ts";
import { buildFixture, MEMBERS_SLUG, type Fixture } from "./serve-fixture.ts";

const NAME = "test-lid";
const PASSWORD = "correct horse battery";

let fx: Fixture;
let app: FastifyInstance;
let base: string;
let token: string;
let membersFile: string;
const log: string[] = [];

/** A raw GET (the path is sent exactly as given, unlike fetch, which normalises dot segments). */
function raw(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const basic = (name: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}` });
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  fx = await buildFixture();
  membersFile = join(mkdtempSync(join(tmpdir(), "tweeluik-members-")), "members.json");
  token = await addMember(membersFile, NAME, PASSWORD);
  app = await createServer({ output: fx.output, membersFile, log: (l) => log.push(l) });
  base = await app.listen({ host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await app?.close();
  if (fx) rmSync(fx.root, { recursive: true, force: true });
  if (membersFile) rmSync(join(membersFile, ".."), { recursive: true, force: true });
});

describe("tweeluik serve", () => {
  it("serves the public catalogue, page and editions without credentials, with their content types", async () => {
    const page = await raw("/");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body.toString()).toContain("Rapport over gezond werk");
    const root = await raw("/catalog.xml");
    expect(root.status).toBe(200);
    expect(root.headers["content-type"]).toMatch(/^application\/atom\+xml;profile=opds-catalog;kind=navigation/);
    const feed = await raw("/opds/new.xml");
    expect(feed.headers["content-type"]).toMatch(/kind=acquisition/);
    const epub = await raw("/nl/rapport-werk-2024.epub");
    expect(epub.status).toBe(200);
    expect(epub.headers["content-type"]).toBe("application/epub+zip");
    expect(sha(epub.body)).toBe(fx.manifest.artefacts.find((a) => a.path === "nl/rapport-werk-2024.epub")!.sha256);
    expect((await raw("/en/advies-zorg-2023.pdf")).headers["content-type"]).toBe("application/pdf");
    expect((await raw("/covers/nl/rapport-werk-2024.thumb.png")).headers["content-type"]).toBe("image/png");
    const search = await raw("/search.xml?q=zorg");
    expect(search.status).toBe(200);
    expect(search.body.toString()).toContain("Advies over zorg");
    expect(search.body.toString()).not.toContain(MEMBERS_SLUG);
  });

  it("members-only files and feeds: 401 without or with a wrong password, 200 with the right one", async () => {
    for (const path of ["/members/catalog.xml", "/members/opds/new.xml", `/members/nl/${MEMBERS_SLUG}.epub`, "/members/search.xml?q=leden", "/members/"]) {
      const none = await raw(path);
      expect(none.status, path).toBe(401);
      expect(none.headers["www-authenticate"]).toMatch(/^Basic realm=/);
      expect((await raw(path, basic(NAME, "wrong password"))).status, path).toBe(401);
      expect((await raw(path, basic("nobody", PASSWORD))).status, path).toBe(401);
      const ok = await raw(path, basic(NAME, PASSWORD));
      expect(ok.status, path).toBe(200);
    }
    const epub = await raw(`/members/nl/${MEMBERS_SLUG}.epub`, basic(NAME, PASSWORD));
    expect(sha(epub.body)).toBe(fx.manifest.artefacts.find((a) => a.path === `members/nl/${MEMBERS_SLUG}.epub`)!.sha256);
    expect(epub.headers["cache-control"]).toMatch(/private/);
    const search = await raw("/members/search.xml?q=leden", basic(NAME, PASSWORD));
    expect(search.body.toString()).toContain("Verslag van de ledenvergadering");
  });

  it("a feed token opens the members' catalogue and its files; a revoked token does not", async () => {
    const feed = await raw(`/t/${token}/members/catalog.xml`);
    expect(feed.status).toBe(200);
    // Relative links in the feed keep the token prefix: the members' EPUB and a public one.
    expect((await raw(`/t/${token}/members/nl/${MEMBERS_SLUG}.epub`)).status).toBe(200);
    expect((await raw(`/t/${token}/nl/rapport-werk-2024.epub`)).status).toBe(200);
    expect((await raw(`/t/not-a-token/members/catalog.xml`)).status).toBe(401);
    setToken(membersFile, NAME, true);
    expect(readMembers(membersFile).members[0]!.token).toBeUndefined();
    expect((await raw(`/t/${token}/members/catalog.xml`)).status).toBe(401);
    const fresh = setToken(membersFile, NAME)!;
    expect((await raw(`/t/${fresh}/members/catalog.xml`)).status).toBe(200);
    expect((await raw(`/t/${token}/members/catalog.xml`)).status).toBe(401);
    token = fresh;
  });

  it("a member removed from the file is refused at once, without a restart", async () => {
    const other = await addMember(membersFile, "tijdelijk", "another password 2");
    expect((await raw("/members/catalog.xml", basic("tijdelijk", "another password 2"))).status).toBe(200);
    expect((await raw(`/t/${other}/members/catalog.xml`)).status).toBe(200);
    expect(removeMember(membersFile, "tijdelijk")).toBe(true);
    expect((await raw("/members/catalog.xml", basic("tijdelijk", "another password 2"))).status).toBe(401);
    expect((await raw(`/t/${other}/members/catalog.xml`)).status).toBe(401);
    expect((await raw("/members/catalog.xml", basic(NAME, PASSWORD))).status).toBe(200);
  });

  it("never leaves the output folder: dot segments, encoded, doubled and absolute paths", async () => {
    const paths = [
      "/../../../../etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/nl/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/nl/..%2f..%2f..%2fetc%2fpasswd",
      "/nl/..%5c..%5c..%5cetc%5cpasswd",
      "/%252e%252e/%252e%252e/etc/passwd",
      "//etc/passwd",
      "/etc/passwd",
      "/members/../nl/rapport-werk-2024.epub",
      `/t/${token}/../../../../etc/passwd`,
      `/t/${token}/%2e%2e/%2e%2e/etc/passwd`,
      "/nl/rapport-werk-2024.epub%00.png",
      "/.staging-1/x",
    ];
    for (const p of paths) {
      const r = await raw(p);
      expect([400, 404], p).toContain(r.status);
      expect(r.body.toString(), p).not.toMatch(/root:|PK\u0003\u0004/);
    }
    expect((await raw("/nl/rapport-werk-2024.epub", {}, "POST")).status).toBe(405);
    expect((await raw("/nl/rapport-werk-2024.epub", {}, "DELETE")).status).toBe(405);
  });

  it("answers ranges (206, 416) and conditional requests (304)", async () => {
    const whole = await raw("/nl/rapport-werk-2024.epub");
    const part = await raw("/nl/rapport-werk-2024.epub", { range: "bytes=100-1099" });
    expect(part.status).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 100-1099/${whole.body.length}`);
    expect(part.body.equals(whole.body.subarray(100, 1100))).toBe(true);
    const tail = await raw("/nl/rapport-werk-2024.epub", { range: "bytes=-10" });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(whole.body.subarray(-10))).toBe(true);
    expect((await raw("/nl/rapport-werk-2024.epub", { range: `bytes=${whole.body.length + 5}-` })).status).toBe(416);
    const etag = String(whole.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect((await raw("/nl/rapport-werk-2024.epub", { "if-none-match": etag })).status).toBe(304);
    expect((await raw("/nl/rapport-werk-2024.epub", { "if-modified-since": String(whole.headers["last-modified"]) })).status).toBe(304);
    expect((await raw("/nl/rapport-werk-2024.epub", { "if-none-match": 'W/"other"' })).status).toBe(200);
    const head = await raw("/nl/rapport-werk-2024.epub", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(whole.body.length));
    // Members' files too, with credentials.
    expect((await raw(`/members/en/${MEMBERS_SLUG}.pdf`, { ...basic(NAME, PASSWORD), range: "bytes=0-3" })).body.toString()).toBe("%PDF");
  });

  it("logs one line per request, without passwords or tokens", () => {
    expect(log.length).toBeGreaterThan(30);
    const all = log.join("\n");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(token);
    expect(all).not.toContain(Buffer.from(`${NAME}:${PASSWORD}`).toString("base64"));
    expect(all).toMatch(new RegExp(`127\\.0\\.0\\.1 ${NAME} "GET /members/catalog.xml" 200`));
    expect(all).toMatch(/"GET \/t\/…\/members\/catalog.xml" 200/);
  });

  it("blocks an address after 20 wrong passwords, even for the right one", async () => {
    // A server of its own, so the failures of the tests above do not count.
    const own = await createServer({ output: fx.output, membersFile });
    const ownBase = await own.listen({ host: "127.0.0.1", port: 0 });
    const saved = base;
    base = ownBase;
    try {
      expect((await raw("/members/catalog.xml", basic(NAME, PASSWORD))).status).toBe(200);
      for (let i = 0; i < 20; i++) expect((await raw("/members/catalog.xml", basic(NAME, `wrong ${i}`))).status).toBe(401);
      const blocked = await raw("/members/catalog.xml", basic(NAME, PASSWORD));
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
      expect((await raw(`/t/${token}/members/catalog.xml`)).status).toBe(429);
      // Public files stay open to the address.
      expect((await raw("/catalog.xml")).status).toBe(200);
    } finally {
      base = saved;
      await own.close();
    }
  });

  it("forgets an address's failures once the window has passed since the last one", () => {
    let now = 0;
    const limiter = new LoginLimiter(3, 1000, () => now);
    for (let i = 0; i < 3; i++) limiter.fail("10.0.0.1");
    expect(limiter.blocked("10.0.0.1")).toBe(1000);
    expect(limiter.blocked("10.0.0.2")).toBe(0);
    now = 999;
    expect(limiter.blocked("10.0.0.1")).toBe(1);
    now = 1000;
    expect(limiter.blocked("10.0.0.1")).toBe(0);
    limiter.fail("10.0.0.1");
    expect(limiter.blocked("10.0.0.1")).toBe(0);
  });
});
