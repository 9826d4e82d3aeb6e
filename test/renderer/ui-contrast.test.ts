// The charts' graphics stand out from their card: each bar (plain, today's, a day that met its target)
// and the hatch of a day off at 3:1 or more against the background they are drawn on (WCAG 1.4.11,
// contrast of graphics), light and dark. The colours are the ones Chromium computes for the built
// window: the Status week chart and the Reports chart of a month and of a week, as the screenshots
// show them. axe checks the contrast of text, not of SVG shapes, hence this test; and it cannot tell
// what SVG text is drawn on either, so the charts' labels are measured here too (4.5:1).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, over, parseColor, type Rgba } from './contrast.ts';
import type { Screen } from '../../window-contract/channels.ts';
import type { FakeBridge } from './fake-bridge.ts';
import { launchChromium, rendererDist, screenReady, windowPool, type WindowPool } from './harness.ts';
import { inState, STATES, type ScreenshotState, type Theme } from './screenshots.ts';
import { PATIENCE_MS } from '../support/patience.ts';

describe('contrast', () => {
  it('follows WCAG: black on white is 21:1, a colour on itself 1:1, #767676 on white just over 4.5:1', () => {
    const white = parseColor('rgb(255, 255, 255)');
    expect(contrastRatio(parseColor('rgb(0, 0, 0)'), white)).toBeCloseTo(21, 5);
    expect(contrastRatio(white, white)).toBe(1);
    expect(contrastRatio(parseColor('rgb(118, 118, 118)'), white)).toBeCloseTo(4.54, 2);
    // Half-transparent black over white is drawn as mid grey.
    expect(over(parseColor('rgba(0, 0, 0, 0.5)'), white)).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    expect(() => parseColor('url("#x")')).toThrow(/Not a computed colour/);
  });
});

interface Shape {
  /** What it is: "bar", "bar today met", "off". */
  what: string;
  color: string;
  opacity: number;
}

/** A label in a chart: a day's name or number, or a bar's hours. */
interface Label {
  what: string;
  color: string;
  opacity: number;
  /** The bar it is written inside, if it is (a bar's hours drawn in it), else null: on the card. */
  on: Shape | null;
  /** Hatch lines run behind it: its day is off, and the label is inside the hatched area. */
  overHatch: Shape | null;
}

interface Chart {
  chart: string;
  /** Background colours from the chart outwards, up to the first opaque one. */
  backgrounds: string[];
  shapes: Shape[];
  labels: Label[];
}

/** Each chart on the page, what it is drawn on, and the colours its bars and days off are drawn in. */
function chartsOf(page: Page): Promise<Chart[]> {
  return page.evaluate(() => {
    const opacity = (element: Element, property: 'fillOpacity' | 'strokeOpacity') => {
      let value = Number(getComputedStyle(element)[property]);
      for (let node: Element | null = element; node; node = node.parentElement) value *= Number(getComputedStyle(node).opacity);
      return value;
    };
    return [...document.querySelectorAll('svg.week-chart, svg.day-bars')].map((svg) => {
      const backgrounds: string[] = [];
      for (let node = svg.parentElement; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        if (color === 'rgba(0, 0, 0, 0)' || color === 'transparent') continue;
        backgrounds.push(color);
        if (!color.startsWith('rgba')) break;
      }
      const bars = [...svg.querySelectorAll('rect.bar')].map((bar) => ({
        what: bar.getAttribute('class') ?? '',
        color: getComputedStyle(bar).fill,
        opacity: opacity(bar, 'fillOpacity'),
      }));
      // A day off is filled with a pattern of lines: the lines are what must be seen.
      const off = [...svg.querySelectorAll('rect.off')].map((rect) => {
        const fill = getComputedStyle(rect).fill;
        const id = /url\("?#([^")]+)"?\)/.exec(fill)?.[1];
        const line = id ? document.getElementById(id)?.querySelector('line, path, rect') : null;
        return line
          ? { what: 'off', color: getComputedStyle(line).stroke, opacity: opacity(line, 'strokeOpacity') * opacity(rect, 'fillOpacity') }
          : { what: 'off', color: fill, opacity: opacity(rect, 'fillOpacity') };
      });
      // Each label, and what it is drawn on where that is not the card: the bar it sits inside, and
      // the hatch of a day off where the label's box reaches into the hatched area.
      const labels = [...svg.querySelectorAll('text')].map((text) => {
        const group = text.closest('g');
        const box = text.getBBox();
        const inside = (rect: Element | null | undefined) => {
          if (!rect) return false;
          const area = (rect as SVGGraphicsElement).getBBox();
          return box.x < area.x + area.width && box.x + box.width > area.x && box.y < area.y + area.height && box.y + box.height > area.y;
        };
        const bar = group?.querySelector('rect.bar');
        const offRect = group?.querySelector('rect.off');
        const hatch = off.find(() => inside(offRect)) ?? null;
        return {
          what: `${text.getAttribute('class') ?? ''} "${text.textContent}"`,
          color: getComputedStyle(text).fill,
          opacity: opacity(text, 'fillOpacity'),
          on: bar && inside(bar) ? { what: bar.getAttribute('class') ?? '', color: getComputedStyle(bar).fill, opacity: opacity(bar, 'fillOpacity') } : null,
          overHatch: hatch,
        };
      });
      return { chart: svg.getAttribute('class') ?? '', backgrounds, shapes: [...bars, ...off], labels };
    });
  });
}

/** The opaque colour a chart is drawn on. */
function backgroundOf(chart: Chart): Rgba {
  const layers = chart.backgrounds.map(parseColor).reverse();
  const [base = { r: 255, g: 255, b: 255, a: 1 }, ...rest] = layers;
  return rest.reduce((under, layer) => over(layer, under), base);
}

/** Tuesday gets two hours more, so a day past meets its target and its bar is drawn as met. */
const longTuesday = async (page: Page, fake: FakeBridge, screen: Screen) => {
  await fake.logTime({ start: '2026-05-12T17:05:00+02:00', end: '2026-05-12T19:05:00+02:00', project: 'Internal', activity: 'Meetings' });
  await page.reload();
  await screenReady(page, screen, PATIENCE_MS);
};

/** The charts as the screenshots show them, and each again with a day that met its target. */
const CHARTS: ScreenshotState[] = [
  ...STATES.filter((state) => ['status-running', 'reports-month', 'reports-week'].includes(`${state.screen}-${state.state}`)),
  { screen: 'status', state: 'met', what: 'a week with a day over its target', act: (page, fake) => longTuesday(page, fake, 'status') },
  { screen: 'reports', state: 'met', what: 'a month with a day over its target', act: (page, fake) => longTuesday(page, fake, 'reports') },
];

let browser: Browser;
let windows: WindowPool;
let dist: string;

beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
  windows = windowPool(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe.each<Theme>(['light', 'dark'])('%s', (theme) => {
  it('draws chart bars and days off at 3:1 or more against their background', async () => {
    const measured: Array<{ where: string; what: string; ratio: number }> = [];
    expect(CHARTS).toHaveLength(5);
    for (const state of CHARTS) {
      await inState(windows, dist, state, theme, async (page) => {
        for (const chart of await chartsOf(page)) {
          const background = backgroundOf(chart);
          for (const shape of chart.shapes) {
            const color = over({ ...parseColor(shape.color), a: parseColor(shape.color).a * shape.opacity }, background);
            measured.push({
              where: `${state.screen}-${state.state} ${chart.chart}`,
              what: shape.what,
              ratio: Math.round(contrastRatio(color, background) * 100) / 100,
            });
          }
        }
      });
    }
    // Every kind of bar was there to measure, and days off on each chart.
    const kinds = new Set(
      measured.map((shape) =>
        shape.what
          .split(' ')
          .filter((word) => word !== 'ahead')
          .sort()
          .join(' '),
      ),
    );
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['bar', 'bar met', 'bar today', 'off']));
    for (const where of new Set(measured.map((shape) => shape.where)))
      expect(
        measured.some((shape) => shape.where === where && shape.what === 'off'),
        where,
      ).toBe(true);
    expect(measured.filter((shape) => shape.ratio < 3)).toEqual([]);
  }, 120_000);

  // axe cannot find what SVG text is drawn on (test/support/axe.ts leaves those out), so the charts'
  // labels are measured here: 4.5:1 (WCAG 1.4.3; they are 11 px) against the card or the bar they sit
  // in, and against the hatch lines of a day off where they cross them.
  it('writes chart labels at 4.5:1 or more against what they are drawn on', async () => {
    const measured: Array<{ where: string; what: string; on: string; ratio: number }> = [];
    for (const state of CHARTS) {
      await inState(windows, dist, state, theme, async (page) => {
        for (const chart of await chartsOf(page)) {
          const card = backgroundOf(chart);
          for (const label of chart.labels) {
            const layer = (shape: Shape) => ({ ...parseColor(shape.color), a: parseColor(shape.color).a * shape.opacity });
            const under = label.on ? over(layer(label.on), card) : card;
            const ink = over({ ...parseColor(label.color), a: parseColor(label.color).a * label.opacity }, under);
            const where = `${state.screen}-${state.state} ${chart.chart}`;
            const ratio = (background: Rgba) => Math.round(contrastRatio(ink, background) * 100) / 100;
            measured.push({ where, what: label.what, on: label.on?.what ?? 'card', ratio: ratio(under) });
            if (label.overHatch) measured.push({ where, what: label.what, on: 'hatch', ratio: ratio(over(layer(label.overHatch), under)) });
          }
        }
      });
    }
    // Every kind of label was there to measure: day names and numbers, hours over and inside bars.
    expect(new Set(measured.map((label) => label.on.split(' ')[0]))).toEqual(new Set(['card', 'bar']));
    expect(measured.filter((label) => label.ratio < 4.5)).toEqual([]);
  }, 120_000);
});
