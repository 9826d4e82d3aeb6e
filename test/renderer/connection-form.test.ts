// The pure core of Add connection (renderer/src/screens/connection-form.ts): the suggested name, a
// Clockify key's workspaces as ticks, the names' problems and the request for main.
import { describe, expect, it } from 'vitest';
import { BACK_END_CHOICES } from '../../main/ipc/handlers/account.ts';
import { emptyForm, type FormState } from '../../renderer/src/screens/account-form.ts';
import { addRequest, checkAdd, namesProblems, nameSourceOf, picksOf, suggestedNameFor } from '../../renderer/src/screens/connection-form.ts';
import { chosenOf } from '../../renderer/src/screens/account-form.ts';
import type { AccountView } from '../../window-contract/account.ts';

const choice = (type: FormState['type']) => BACK_END_CHOICES.find((each) => each.type === type);
const form = (type: FormState['type'], fields: Partial<FormState> = {}): FormState => ({ ...emptyForm(type), ...fields });
const WORKSPACES = [
  { id: 'ws-1', name: 'Acme GmbH' },
  { id: 'ws-2', name: 'Side Project' },
  { id: 'ws-3', name: 'Acme GmbH ' },
];

describe('the suggested name', () => {
  it('comes from the workspace, else the host’s telling part, else the back end’s type, and avoids names taken', () => {
    expect(suggestedNameFor(form('clockify', { workspace: 'Acme GmbH' }), choice('clockify'), [])).toBe('acme-gmbh');
    expect(suggestedNameFor(form('kimai', { url: 'https://kimai.beta-corp.example' }), choice('kimai'), [])).toBe('beta-corp');
    expect(nameSourceOf(form('clockify', { url: 'https://euc1.clockify.me' }), choice('clockify'))).toBe('euc1');
    expect(suggestedNameFor(form('kimai', { url: 'not an address' }), choice('kimai'), ['kimai'])).toBe('kimai-2');
    expect(suggestedNameFor(form('local'), choice('local'), [])).toBe('local');
  });
});

describe('a key’s workspaces', () => {
  it('tick the one the form names, by id or name, and name each after its workspace, no two alike', () => {
    expect(picksOf(WORKSPACES, 'side project', ['acme-gmbh'])).toEqual([
      { workspace: WORKSPACES[0], ticked: false, name: 'acme-gmbh-2' },
      { workspace: WORKSPACES[1], ticked: true, name: 'side-project' },
      { workspace: WORKSPACES[2], ticked: false, name: 'acme-gmbh-3' },
    ]);
    expect(picksOf(WORKSPACES, 'ws-3', []).map((pick) => pick.ticked)).toEqual([false, false, true]);
    expect(picksOf(WORKSPACES, '', []).some((pick) => pick.ticked)).toBe(false);
  });

  it('become one connection each, sharing the key typed', () => {
    const clockify = form('clockify', { token: 'key' });
    expect(addRequest(clockify, choice('clockify'), ['acme', 'side'], [WORKSPACES[0], WORKSPACES[1]] as never)).toEqual({
      connections: [
        { name: 'acme', provider: { type: 'clockify', url: null, workspace: 'ws-1' } },
        { name: 'side', provider: { type: 'clockify', url: null, workspace: 'ws-2' } },
      ],
      token: 'key',
    });
  });
});

describe('the names’ problems', () => {
  it('flag a name out of the rule, one taken, and the second of two alike', () => {
    expect(namesProblems(['beta', 'Beta', 'acme', 'beta', ''], ['acme'])).toEqual([
      undefined,
      'A name needs lower-case ASCII letters, digits and -, starting with a letter (such as "acme" or "side-gig").',
      'Another connection is called "acme": choose another name.',
      'Another connection is called "beta": choose another name.',
      'Give the connection a name, such as "acme".',
    ]);
  });

  it('keep the request back until every field, name and tick will do', () => {
    const view = { choices: BACK_END_CHOICES, provider: { type: 'local' }, hasCredential: false, connections: [] } as unknown as AccountView;
    const clockify = form('clockify', { token: 'key' });
    const chosen = chosenOf(view, clockify);
    const none = checkAdd(clockify, chosen, picksOf(WORKSPACES, '', []), 'x', []);
    expect(none.errors).toEqual({ workspaces: 'Tick at least one workspace.' });
    expect(none.request).toBeUndefined();
    const clash = checkAdd(
      clockify,
      chosen,
      picksOf(WORKSPACES, 'ws-1', ['acme-gmbh']).map((pick) => ({ ...pick, name: 'home' })),
      'x',
      ['home'],
    );
    expect(clash.pickErrors).toEqual({ 'ws-1': 'Another connection is called "home": choose another name.' });
    expect(clash.request).toBeUndefined();
    const fine = checkAdd(form('kimai', { url: 'https://k.example', token: 't' }), chosenOf(view, form('kimai')), null, 'k', ['home']);
    expect(fine.request).toEqual({
      connections: [{ name: 'k', provider: { type: 'kimai', url: 'https://k.example', caFile: null, allowInsecureTls: false } }],
      token: 't',
    });
  });
});
