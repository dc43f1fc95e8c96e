import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { TweeluikError } from "../errors.ts";
import { addMember, checkName, readMembers, removeMember, setToken } from "./members.ts";
import { createServer } from "./server.ts";

/** The members file: --members, else $TWEELUIK_MEMBERS, else members.json beside the project (git-ignored). */
export function membersPath(root: string, option?: string): string {
  return resolve(option ?? process.env.TWEELUIK_MEMBERS ?? join(root, "members.json"));
}

const SERVE_HELP = `tweeluik serve [options]

Serves the output folder read only over HTTP: the catalogue page, the OPDS
catalogue (catalog.xml) and the public editions to everyone; members/ (the
members-only editions and the members' catalogue, members/catalog.xml) with
a member's login (HTTP Basic) or feed token (/t/<token>/members/catalog.xml).
Run it behind a reverse proxy that terminates TLS: see docs/serving.md.

Options:
  --output DIR          folder to serve (default output/)
  --host HOST           address to listen on (default 127.0.0.1)
  --port N              port (default 8080; 0 picks a free one)
  --members FILE        members file (default $TWEELUIK_MEMBERS or members.json)
  --trust-proxy         take the client's address from X-Forwarded-For (behind a proxy)
  --quiet               no access log
  -h, --help            this help
`;

const MEMBERS_HELP = `tweeluik members add NAME [--password-stdin | --password P]
tweeluik members remove NAME
tweeluik members list
tweeluik members token NAME            a new feed token (the old one stops working)
tweeluik members revoke-token NAME     no feed token: only the password works

Members are kept in a file outside the output folder (--members FILE, else
$TWEELUIK_MEMBERS, else members.json beside the project): passwords as scrypt
hashes, feed tokens as SHA-256 digests. add reads the password from the first
line of standard input unless --password is given (which other users of the
machine can see in the process list). add and token print the feed token
once: it cannot be shown again.
`;

export async function serveCommand(argv: string[], root: string): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      output: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8080" },
      members: { type: "string" },
      "trust-proxy": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TweeluikError("usage", `--port expects a port number from 0 to 65535, got "${values.port}"`);
  const app = await createServer({
    output: resolve(values.output ?? join(root, "output")),
    membersFile: membersPath(root, values.members),
    trustProxy: values["trust-proxy"],
    log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  const address = await app.listen({ host: values.host, port });
  process.stderr.write(`tweeluik serve: ${address}/ (catalogue: ${address}/catalog.xml, members: ${address}/members/catalog.xml)\n`);
  await new Promise<void>((done) => {
    const stop = () => void app.close().then(done);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("password (then Enter): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

export async function membersCommand(argv: string[], root: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      members: { type: "string" },
      password: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [sub, name, ...extra] = positionals;
  if (values.help || !sub) {
    process.stdout.write(MEMBERS_HELP);
    return values.help ? 0 : 2;
  }
  if (extra.length) throw new TweeluikError("usage", `members ${sub}: one name expected, got ${positionals.length - 1}`);
  const file = membersPath(root, values.members);
  const needName = () => checkName(name ?? "");
  switch (sub) {
    case "add": {
      const password = values.password ?? (await readPassword());
      const token = await addMember(file, needName(), password);
      process.stderr.write(`member "${name}" saved in ${file}\n`);
      process.stdout.write(`feed token: ${token}\nfeed link: /t/${token}/members/catalog.xml\n`);
      return 0;
    }
    case "remove":
      if (!removeMember(file, needName())) throw new TweeluikError("usage", `no member named "${name}"`, { file });
      process.stderr.write(`member "${name}" removed\n`);
      return 0;
    case "list":
      for (const m of readMembers(file).members) process.stdout.write(`${m.name}\t${m.token ? "feed token" : "no feed token"}\n`);
      return 0;
    case "token": {
      const token = setToken(file, needName());
      process.stdout.write(`feed token: ${token}\nfeed link: /t/${token}/members/catalog.xml\n`);
      return 0;
    }
    case "revoke-token":
      setToken(file, needName(), true);
      process.stderr.write(`feed token of "${name}" revoked\n`);
      return 0;
    default:
      throw new TweeluikError("usage", `members: unknown subcommand "${sub}" (expected add, remove, list, token, revoke-token)`);
  }
}
