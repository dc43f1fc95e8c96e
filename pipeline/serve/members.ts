import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { chmodSync, existsSync, readFileSync } from "node:fs";
import { TweeluikError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import { sha256 } from "../publish/files.ts";

/**
 * One member as stored in the members file. The password is kept as an
 * scrypt hash with its own salt and parameters; the feed token as its
 * SHA-256 (a token is 32 random bytes, so a fast hash is enough), so the
 * file holds nothing a reader could log in with.
 */
export interface Member {
  name: string;
  /** `scrypt$N$r$p$<salt base64>$<hash base64>`. */
  password: string;
  /** SHA-256 (hex) of the current feed token; absent when revoked. */
  token?: string;
}

export interface MembersFile {
  members: Member[];
}

/** scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and 50–100 ms per check). */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32 };

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** An scrypt hash of a password, in the members file's form. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Whether a password matches a stored hash (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The stored form of a feed token. */
export function tokenDigest(token: string): string {
  return sha256(Buffer.from(token, "utf8"));
}

/** A new feed token: 32 random bytes, base64url (safe in a URL path). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Read the members file (an empty list when it does not exist yet). */
export function readMembers(file: string): MembersFile {
  if (!existsSync(file)) return { members: [] };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new TweeluikError("config:invalid", `members file is not valid JSON: ${(err as Error).message}`, { file });
  }
  const members = (data as MembersFile | null)?.members;
  if (!Array.isArray(members) || !members.every((m) => typeof m?.name === "string" && typeof m?.password === "string")) {
    throw new TweeluikError("config:invalid", 'expected { "members": [ { "name", "password", "token"? } ] }', { file });
  }
  return { members };
}

/** Write the members file atomically, readable by its owner only. */
export function writeMembers(file: string, data: MembersFile): void {
  const sorted = { members: [...data.members].sort((a, b) => a.name.localeCompare(b.name)) };
  writeFileAtomic(file, `${JSON.stringify(sorted, null, 2)}\n`);
  try {
    // 0600: the hashes cannot be logged in with, but there is no reason to share them.
    chmodSync(file, 0o600);
  } catch {
    // A file system without modes: the file is written all the same.
  }
}

/** Check a member's name: letters, digits and . _ @ -, at most 64. */
export function checkName(name: string): string {
  if (!NAME.test(name)) throw new TweeluikError("usage", `a member's name is 1 to 64 letters, digits or . _ @ - (got "${name}")`);
  return name;
}

/**
 * Add a member (or set a new password for one), with a new feed token.
 * Returns the token: it is shown once and stored only as its digest.
 */
export async function addMember(file: string, name: string, password: string): Promise<string> {
  checkName(name);
  if (password.length < 8) throw new TweeluikError("usage", "a password needs at least 8 characters");
  const data = readMembers(file);
  const token = newToken();
  const member: Member = { name, password: await hashPassword(password), token: tokenDigest(token) };
  writeMembers(file, { members: [...data.members.filter((m) => m.name !== name), member] });
  return token;
}

/** Remove a member; false when there was none of that name. */
export function removeMember(file: string, name: string): boolean {
  const data = readMembers(file);
  const kept = data.members.filter((m) => m.name !== name);
  if (kept.length === data.members.length) return false;
  writeMembers(file, { members: kept });
  return true;
}

/** Give a member a new feed token (the old one stops working), or none (`revoke`). Returns the new token. */
export function setToken(file: string, name: string, revoke = false): string | undefined {
  const data = readMembers(file);
  const m = data.members.find((x) => x.name === name);
  if (!m) throw new TweeluikError("usage", `no member named "${name}"`, { file });
  const token = revoke ? undefined : newToken();
  const rest = data.members.filter((x) => x !== m);
  writeMembers(file, { members: [...rest, token ? { ...m, token: tokenDigest(token) } : { name: m.name, password: m.password }] });
  return token;
}
