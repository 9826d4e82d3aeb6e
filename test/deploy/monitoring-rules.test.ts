// The alert rules an administrator loads into Prometheus (deploy/monitoring/*.rules.yml), checked by
// Prometheus' own promtool as the guide tells administrators to (docs/team-server/monitoring.md):
// `promtool check rules` on each rule file, `promtool test rules` on the series beside it, which must
// make every alert fire and keep it quiet at least once. Every alert names its runbook, a section of the
// guide, and the guide has a section for each alert and for no other. Without promtool (Debian's
// `prometheus` package) this fails, saying so.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runTool } from '../support/system-tool.ts';

const ROOT = join(import.meta.dirname, '../..');
const MONITORING = join(ROOT, 'deploy/monitoring');
const GUIDE = 'docs/team-server/monitoring.md';
const RULE_FILES = readdirSync(MONITORING).filter((file) => file.endsWith('.rules.yml'));
const promtool = (...args: string[]) => runTool('promtool', args, 'prometheus', { cwd: MONITORING });

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const alerts: AlertRule[] = RULE_FILES.flatMap((file) =>
  (parse(readFileSync(join(MONITORING, file), 'utf8')) as { groups: Array<{ rules: AlertRule[] }> }).groups.flatMap((group) => group.rules),
);

const scratch = mkdtempSync(join(tmpdir(), 'punchcard-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('deploy/monitoring alert rules', () => {
  it('there is a rule file with its test file beside it', () => {
    expect(RULE_FILES).toEqual(['punchcard.rules.yml']);
    for (const file of RULE_FILES) expect(readdirSync(MONITORING)).toContain(file.replace(/\.rules\.yml$/, '.rules.test.yml'));
    expect(alerts.length).toBeGreaterThanOrEqual(10);
  });

  it.each(RULE_FILES)('promtool check rules %s passes', (file) => {
    const run = promtool('check', 'rules', file);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('promtool check rules refuses a rule that does not parse (the check itself works)', () => {
    const broken = join(scratch, 'broken.rules.yml');
    writeFileSync(broken, 'groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: rate(punchcard_http_requests_total[5m] > 0\n');
    const run = runTool('promtool', ['check', 'rules', broken], 'prometheus');
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/parse error/);
  });

  it.each(RULE_FILES.map((file) => file.replace(/\.rules\.yml$/, '.rules.test.yml')))('promtool test rules %s passes', (file) => {
    const run = promtool('test', 'rules', file);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('SUCCESS');
  });

  it('promtool test rules fails where an alert does not fire as its series say (the test itself works)', () => {
    // The same series, with one alert's threshold raised past them.
    const rules = readFileSync(join(MONITORING, 'punchcard.rules.yml'), 'utf8').replace(
      'process_resident_memory_bytes{job="punchcard"} > 400',
      'process_resident_memory_bytes{job="punchcard"} > 800',
    );
    writeFileSync(join(scratch, 'punchcard.rules.yml'), rules);
    writeFileSync(join(scratch, 'punchcard.rules.test.yml'), readFileSync(join(MONITORING, 'punchcard.rules.test.yml'), 'utf8'));
    const run = runTool('promtool', ['test', 'rules', 'punchcard.rules.test.yml'], 'prometheus', { cwd: scratch });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/alertname: PunchcardMemoryHigh/);
  });

  it('the test file makes every alert fire once at least, and stay quiet once at least', () => {
    const tests = (
      parse(readFileSync(join(MONITORING, 'punchcard.rules.test.yml'), 'utf8')) as {
        tests: Array<{ alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
      }
    ).tests.flatMap((test) => test.alert_rule_test);
    for (const { alert } of alerts) {
      const cases = tests.filter((test) => test.alertname === alert);
      expect(
        cases.some((test) => test.exp_alerts.length > 0),
        `${alert} fires`,
      ).toBe(true);
      expect(
        cases.some((test) => test.exp_alerts.length === 0),
        `${alert} stays quiet`,
      ).toBe(true);
    }
  });

  it('every alert has a severity, a summary, a description and a runbook, a section of the guide named after it', () => {
    const guide = readFileSync(join(ROOT, GUIDE), 'utf8');
    const sections = [...guide.matchAll(/^#### (Punchcard\w+)$/gm)].map((match) => match[1]);
    for (const rule of alerts) {
      expect(rule.alert, rule.expr).toMatch(/^Punchcard[A-Z]\w+$/);
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(Object.keys(rule.annotations ?? {}).sort(), rule.alert).toEqual(['description', 'runbook', 'summary']);
      expect(rule.annotations?.runbook).toBe(`${GUIDE}#${rule.alert?.toLowerCase()}`);
      expect(sections, `${GUIDE} has no section "#### ${rule.alert}"`).toContain(rule.alert);
    }
    expect(sections.sort()).toEqual(alerts.map((rule) => rule.alert).sort());
  });
});
