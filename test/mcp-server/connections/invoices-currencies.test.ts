// Money never adds up across currencies (docs/several-trackers.md): two Kimai servers (acme in EUR, zeta in CHF), an
// administrator's token at each, list_invoices spanning both. The answer totals per currency (totals_by_currency),
// cancelled invoices not counted, and no figure, in words or data, adds the two currencies.
import { describe, expect, it, vi } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { textOf } from '../../support/engine.ts';
import type { FakeKimai, FakeUser } from '../providers/kimai/fake-kimai.ts';
import { credentialsSent, startKimai, startTrackers } from './remote-trackers.ts';

const opened = closeAfterEach();
const ANN: FakeUser = { id: 4, username: 'ann', alias: 'Ann Admin', timezone: 'Europe/Berlin', role: 'ROLE_ADMIN', token: 'token-ann-0123456789' };
const ZOE: FakeUser = { id: 4, username: 'zoe', alias: 'Zoe Admin', timezone: 'Europe/Zurich', role: 'ROLE_ADMIN', token: 'token-zoe-9876543210' };

function invoice(fake: FakeKimai, number: string, total: number, currency: string, status: 'new' | 'paid' | 'canceled' = 'new') {
  const customer = fake.state.customers[0];
  fake.addInvoice({ invoiceNumber: number, customerId: customer?.id ?? 0, createdAt: Date.parse('2026-11-10T10:00:00+01:00'), total, currency, status });
}

describe('list_invoices across two Kimai servers in two currencies', () => {
  it('totals per currency, never across, and leaves cancelled invoices out of the totals', async () => {
    const acme = opened(await startKimai({}, [ANN]));
    const zeta = opened(await startKimai({}, [ZOE]));
    invoice(acme, 'A-1', 1000, 'EUR', 'paid');
    invoice(acme, 'A-2', 250.5, 'EUR');
    invoice(acme, 'A-3', 999, 'EUR', 'canceled');
    invoice(zeta, 'Z-1', 400, 'CHF');
    const engine = opened(
      await startTrackers(
        {
          provider: { name: 'acme', type: 'kimai', url: `${acme.url}/` },
          trackers: [{ name: 'zeta', type: 'kimai', url: `${zeta.url}/` }],
          tools: { groups: { admin: true } },
        },
        // Two Kimai servers: Kimai's one variable names neither, so each has its own.
        { PUNCHCARD_TRACKER_ACME_TOKEN: ANN.token, PUNCHCARD_TRACKER_ZETA_TOKEN: ZOE.token },
      ),
    );
    // Each learns its administrator's role in the background before it offers invoices.
    await vi.waitFor(
      async () => {
        const trackers = (await engine.call('whoami')).structuredContent?.trackers as Array<{ capabilities: string[] }>;
        expect(trackers.map((each) => each.capabilities.includes('admin_invoices'))).toEqual([true, true]);
      },
      { timeout: 10_000, interval: 50 },
    );
    const listed = await engine.call('list_invoices', { from: '2026-11-01', to: '2026-11-30' });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    const data = listed.structuredContent as { invoices: Array<{ tracker: string; currency: string; total: number }>; totals_by_currency: unknown };
    expect(data.invoices.map((each) => [each.tracker, each.currency, each.total]).sort()).toEqual([
      ['acme', 'EUR', 1000],
      ['acme', 'EUR', 250.5],
      ['acme', 'EUR', 999],
      ['zeta', 'CHF', 400],
    ]);
    expect(data.totals_by_currency).toEqual([
      { currency: 'EUR', amount: 1250.5 },
      { currency: 'CHF', amount: 400 },
    ]);
    // No sum of the two currencies anywhere (1650.5 with the cancelled one left out, 2649.5 with it).
    for (const sum of ['1650.5', '1,650.5', '2649.5', '2,649.5', '2249.5', '1649.5']) expect(JSON.stringify(listed)).not.toContain(sum);
    expect(textOf(listed)).toContain('Totals by currency (not added across currencies): 1250.5 EUR, 400 CHF.');
    // Each token went to its own server only.
    expect(credentialsSent(acme.requests)).toEqual([`Bearer ${ANN.token}`]);
    expect(credentialsSent(zeta.requests)).toEqual([`Bearer ${ZOE.token}`]);
  });
});
