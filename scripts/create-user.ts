import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { runScript } from '../src/db/script.js';
import type { Role } from '../src/modules/user/user.entity.js';
import { userService } from '../src/modules/user/user.service.js';

/**
 * `npm run user:create -- --email a@b.c --role ADMIN [--region dashuibo] [--name "…"]`
 * The password comes from USER_PASSWORD, or is asked for without echo (or read from piped stdin);
 * it is never printed or logged.
 */
const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    region: { type: 'string' },
    name: { type: 'string' },
  },
});
if (!values.email || !values.role) {
  console.error(
    'usage: npm run user:create -- --email <e-mail> --role ADMIN|OFFICIAL|PARTNER [--region <code>] [--name <name>]',
  );
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
  const answer = await new Promise<string>((resolve) => {
    rl.question('Password: ', resolve);
    muted = true;
  });
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return answer;
}

const password = await askPassword();
await runScript('could not create the account', async (db) => {
  const user = await userService.create(db.orm.em.fork(), {
    email: values.email!,
    password,
    role: values.role!.toUpperCase() as Role,
    regionCode: values.region,
    displayName: values.name,
  });
  console.log(`created ${user.role} ${user.email}${values.region ? ` for ${values.region}` : ''}`);
  return 0;
});
