import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/modules/user/user.entity.js';
import { ok, tokenFor, useApi } from './helpers.js';

const api = useApi({ writes: true });
const tokens: Record<string, string> = {};
let town: string;

const run = async (
  mutation: string,
  inputType: string,
  key: string,
  input: Record<string, unknown>,
  token = tokens.official,
) =>
  ok(
    await api.run(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${key} { id } userErrors { field code message } } }`,
      { input },
      { token },
    ),
  )[mutation];

beforeAll(async () => {
  tokens.official = await tokenFor(api, 'entry-official', Role.OFFICIAL, 'dashuibo');
  tokens.other = await tokenFor(api, 'entry-lidao', Role.OFFICIAL, 'lidao');
  tokens.admin = await tokenFor(api, 'entry-admin', Role.ADMIN);
  tokens.partner = await tokenFor(api, 'entry-partner', Role.PARTNER);
  town = ok(await api.run('{ region(code: "dashuibo") { id } }')).region.id;
});

describe('readable consent fields', () => {
  let talent: string;
  beforeAll(async () => {
    const created = await run('createTalent', 'CreateTalentInput', 'talent', {
      townId: town,
      displayName: '同意甲',
      fullName: '同意甲全名',
      settlement: 'RESIDENT',
      publicProfile: true,
      contactConsent: true,
    });
    expect(created.userErrors).toEqual([]);
    talent = created.talent.id;
  });

  const read = async (token?: string) =>
    ok(
      await api.run(
        'query($id: ID!) { node(id: $id) { ... on Talent { publicProfile contactConsent } } }',
        { id: talent },
        token ? { token } : {},
      ),
    ).node;

  it('shows them to the officials of the talent’s region and to admins', async () => {
    expect(await read(tokens.official)).toEqual({ publicProfile: true, contactConsent: true });
    expect(await read(tokens.admin)).toEqual({ publicProfile: true, contactConsent: true });
  });

  it('hides them from everyone else, who may not write them', async () => {
    expect(await read(tokens.other)).toEqual({ publicProfile: null, contactConsent: null });
    expect(await read(tokens.partner)).toEqual({ publicProfile: null, contactConsent: null });
    expect(await read()).toEqual({ publicProfile: null, contactConsent: null });
  });

  it('reads back what an update wrote', async () => {
    const version = ok(
      await api.run(
        'query($id: ID!) { node(id: $id) { ... on Talent { version } } }',
        { id: talent },
        { token: tokens.official },
      ),
    ).node.version;
    const updated = await run('updateTalent', 'UpdateTalentInput', 'talent', {
      id: talent,
      version,
      contactConsent: false,
    });
    expect(updated.userErrors).toEqual([]);
    expect(await read(tokens.official)).toEqual({ publicProfile: true, contactConsent: false });
  });
});
