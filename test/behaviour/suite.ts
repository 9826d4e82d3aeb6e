// What a capability file of the behaviour suite is written with (README.md): every back end of
// back-ends/ (each file there one back end: adding one is adding a file), the world over one of them
// for a describe block, and the test that says a back end lacks a capability.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { Capability } from '../../mcp-server/contract/vocabulary.ts';
import { refusalOf } from '../support/engine.ts';
import type { AdminWorld, BehaviourBackEnd, TeamWorld, World } from './harness.ts';

const FOLDER = join(import.meta.dirname, 'back-ends');

/** Every back end of back-ends/, one per file (its default export), in the order of their file names. */
export const BACK_ENDS: readonly BehaviourBackEnd[] = await Promise.all(
  readdirSync(FOLDER)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map(async (file) => ((await import(join(FOLDER, file))) as { default: BehaviourBackEnd }).default),
);

/** The tools a capability brings, as the engine's contracts name them. */
export function toolsOf(capability: Capability): string[] {
  return Object.values(TOOL_CONTRACTS)
    .filter((tool) => tool.capability === capability)
    .map((tool) => tool.name);
}

/** The back ends that have `capability`. */
export function backEndsWith(capability: Capability): BehaviourBackEnd[] {
  return BACK_ENDS.filter((backEnd) => backEnd.capabilities.has(capability));
}

/** The back ends that lack `capability`. */
export function backEndsWithout(capability: Capability): BehaviourBackEnd[] {
  return BACK_ENDS.filter((backEnd) => !backEnd.capabilities.has(capability));
}

/**
 * The world over `backEnd` for the describe block this is called in: started once before its tests
 * (the scenarios of a file share it, each on days of its own), closed after them. The function
 * returned gives it to a test. `start` starts another world of the back end's (with WorldOptions, or
 * the organisation's).
 */
export function useWorld(backEnd: BehaviourBackEnd, start: () => Promise<World> = () => backEnd.start()): () => World {
  let world: World | undefined;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error(`The world over ${backEnd.name} did not start.`);
    return world;
  };
}

/**
 * The test that says `backEnd` lacks `capability`, in its name, and shows it: none of the capability's
 * tools is listed, and each, called by name all the same, is refused as one the back end does not offer
 * (tool_withheld, why back_end) with nothing sent. Never a silent skip.
 */
export function itLacks(backEnd: BehaviourBackEnd, capability: Capability, world: () => World): void {
  const tools = toolsOf(capability);
  it(`${backEnd.name} has no ${capability}: ${tools.join(', ')} not listed, and refused with nothing sent`, async () => {
    const listed = (await world().engine.client.listTools()).tools.map((tool) => tool.name);
    for (const tool of tools) expect(listed).not.toContain(tool);
    for (const tool of tools) {
      const mark = world().mark();
      const result = await world().call(tool);
      expect(result.isError).toBe(true);
      expect(refusalOf(result)).toMatchObject({ code: 'tool_withheld', facts: { tool, why: 'back_end' } });
      expect(mark.writes()).toEqual([]);
    }
  });
}

/**
 * For a capability file: a describe block per back end that lacks `capability` (or per back end of
 * `backEnds`, where the file knows better, as for a capability only the team's world brings), with
 * the test that says so (itLacks).
 */
export function describeLacking(capability: Capability, backEnds: readonly BehaviourBackEnd[] = backEndsWithout(capability)): void {
  for (const backEnd of backEnds) {
    describe(`${capability} on ${backEnd.name}`, () => {
      itLacks(backEnd, capability, useWorld(backEnd));
    });
  }
}

/** As useWorld, for the team's world: one fake, Ada's engine and Lea's, started before the block's tests and closed after them. */
export function useTeamWorld(backEnd: BehaviourBackEnd): () => TeamWorld {
  const team = backEnd.team;
  if (!team) throw new Error(`${backEnd.name} has no team's world.`);
  let world: TeamWorld | undefined;
  beforeAll(async () => {
    world = await team.start();
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error(`The team's world over ${backEnd.name} did not start.`);
    return world;
  };
}

/** Lea's side of the team's world, as a World: her engine over the same fake (its writes are anyone's), for itLacks. */
export function leadsWorld(world: () => TeamWorld): () => World {
  return () => ({ ...world(), engine: world().lead.engine, call: world().lead.call });
}

/** As useTeamWorld, for the administrator's world: one fake, Ada's engine and the administrator's (admin.test.ts). */
export function useAdminWorld(backEnd: BehaviourBackEnd): () => AdminWorld {
  const admin = backEnd.admin;
  if (!admin) throw new Error(`${backEnd.name} has no administrator's world.`);
  let world: AdminWorld | undefined;
  beforeAll(async () => {
    world = await admin.start();
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error(`The administrator's world over ${backEnd.name} did not start.`);
    return world;
  };
}

/** The administrator's side of their world, as a World: their engine over the same fake, for itLacks. */
export function adminsWorld(world: () => AdminWorld): () => World {
  return () => ({ ...world(), engine: world().admin.engine, call: world().admin.call });
}
