import { describe, expect, it } from 'vitest';
import { CHANNELS, CHANNEL_NAMES, isChannel } from '../../electron/api/channels';
import { INPUTS } from '../../electron/api/contract';
import { createHandlers } from '../../electron/api/handlers';
import { ERROR_CODES } from '../../electron/api/result';
import { makeServices } from './support/temp';

describe('the contract', () => {
  it('names every channel domain:verb and gives each a schema and a handler', async () => {
    const table = createHandlers(await makeServices());
    for (const channel of CHANNEL_NAMES) {
      expect(channel).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
      expect(INPUTS[channel]).toBeDefined();
      expect(typeof table[channel]).toBe('function');
    }
    expect(Object.keys(table).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('keeps method names and channel names one-to-one', () => {
    expect(new Set(Object.values(CHANNELS)).size).toBe(Object.keys(CHANNELS).length);
    expect(isChannel('app:info')).toBe(true);
    expect(isChannel('app:nope')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
  });

  it('has a closed error-code union with the codes the design names', () => {
    for (const code of ['INVALID_INPUT', 'NOT_FOUND', 'PRINTER_OFFLINE', 'PAPER_OUT', 'LOCKED', 'STORAGE']) {
      expect(ERROR_CODES).toContain(code);
    }
  });

  it('refuses unknown keys and wrong types on entry', () => {
    expect(INPUTS['app:info'].safeParse({}).success).toBe(true);
    expect(INPUTS['app:info'].safeParse({ extra: 1 }).success).toBe(false);
    expect(INPUTS['content:list'].safeParse({ skill: 'an-toan' }).success).toBe(true);
    expect(INPUTS['content:list'].safeParse({ skill: 'hacking' }).success).toBe(false);
    expect(INPUTS['content:list'].safeParse({ skill: 5 }).success).toBe(false);
    expect(INPUTS['settings:get'].safeParse('{}').success).toBe(false);
    expect(INPUTS['settings:get'].safeParse([]).success).toBe(false);
  });
});
