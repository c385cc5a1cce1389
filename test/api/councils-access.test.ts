import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMembers, createBody, grantOffice, holdsOffice, isMember, requireMember, requireOffice } from '../../src/councils/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let ids: { cordon: string; jap: string; rosa: string; juan: string; admin: string };
beforeAll(async () => {
  s = await startTestServer();
  const admin = await s.addPerson({ username: 'admin', password: 'admin-password', displayName: 'Admin', isAdmin: true });
  const rosa = await s.addPerson({ username: 'rosa', password: 'rosa-password', displayName: 'Rosa' });
  const juan = await s.addPerson({ username: 'juan', password: 'juan-password', displayName: 'Juan' });
  const cordon = await createBody(s.system, { kind: 'cordon', name: 'Cordón Vicuña Mackenna' });
  const jap = await createBody(s.system, { kind: 'supply_committee', name: 'JAP La Legua', parentId: cordon.id });
  await addMembers(s.system, jap.id, [rosa.id, juan.id]);
  await grantOffice(s.system, { bodyId: jap.id, personId: rosa.id, title: 'supply_officer' });
  ids = { cordon: cordon.id, jap: jap.id, rosa: rosa.id, juan: juan.id, admin: admin.id };
});
afterAll(() => s.close());

describe('authorisation helpers', () => {
  test('membership and office are per body', async () => {
    const db = s.testDb.db;
    expect(await isMember(db, ids.rosa, ids.jap)).toBe(true);
    expect(await isMember(db, ids.rosa, ids.cordon)).toBe(false);
    expect(await holdsOffice(db, ids.rosa, ids.jap, 'supply_officer')).toBe(true);
    expect(await holdsOffice(db, ids.juan, ids.jap, 'supply_officer')).toBe(false);
    expect(await holdsOffice(db, ids.rosa, ids.jap, 'chair')).toBe(false);
  });

  test('require… name who may act; an administrator is not thereby an officer', async () => {
    const db = s.testDb.db;
    await expect(requireOffice(db, { kind: 'person', id: ids.rosa, isAdmin: false }, ids.jap, 'supply_officer')).resolves.toBe(ids.rosa);
    await expect(requireOffice(db, { kind: 'person', id: ids.juan, isAdmin: false }, ids.jap, 'supply_officer')).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'not_officer',
      message: "only the body's supply officer may do this",
    });
    await expect(requireOffice(db, { kind: 'person', id: ids.admin, isAdmin: true }, ids.jap, 'supply_officer')).rejects.toMatchObject({ code: 'not_officer' });
    await expect(requireMember(db, { kind: 'person', id: ids.admin, isAdmin: true }, ids.jap)).rejects.toMatchObject({ code: 'not_member' });
    await expect(requireMember(db, { kind: 'anonymous' }, ids.jap)).rejects.toMatchObject({ kind: 'unauthenticated' });
    // a token acts for the person who made it
    await expect(requireMember(db, { kind: 'token', id: 'x', personId: ids.juan, isAdmin: false, scopes: ['write'] }, ids.jap)).resolves.toBe(ids.juan);
  });

  test('only a member can hold office; the API shows members with their offices', async () => {
    await expect(grantOffice(s.system, { bodyId: ids.cordon, personId: ids.juan, title: 'chair' })).rejects.toMatchObject({ code: 'not_member' });
    const c = new Client(s.url);
    await c.login('juan', 'juan-password');
    const body = (await c.get(`/bodies/${ids.jap}`)).body;
    expect(body.members).toEqual([
      expect.objectContaining({ displayName: 'Juan', offices: [] }),
      expect.objectContaining({ displayName: 'Rosa', offices: ['supply_officer'] }),
    ]);
    const list = (await c.get(`/bodies?parentId=${ids.cordon}`)).body;
    expect(list).toEqual([expect.objectContaining({ name: 'JAP La Legua', kind: 'supply_committee', members: 2 })]);
  });

  test('founding a body is audited; a bad parent is named', async () => {
    const admin = new Client(s.url);
    await admin.login('admin', 'admin-password');
    const r = await admin.post('/bodies', { kind: 'workplace', name: 'Madeco', parentId: '00000000-0000-7000-8000-00000000abcd' });
    expect(r.status).toBe(404);
    expect(r.body.errors).toEqual([{ field: 'parentId', reason: 'no such body' }]);
    const ok = await admin.post('/bodies', { kind: 'workplace', name: 'Madeco', parentId: ids.cordon });
    expect(ok.status).toBe(201);
    const events = await s.testDb.db.query<{ action: string; actor: string }>(`select action, actor from audit_event where subject = $1`, [`body:${ok.body.id}`]);
    expect(events).toEqual([{ action: 'body.create', actor: `person:${ids.admin}` }]);
  });
});
