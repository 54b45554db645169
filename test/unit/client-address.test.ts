import { describe, expect, it } from 'vitest';
import { callerKey } from '../../src/graphql/guards.js';

describe('callerKey (what the rate limits count by)', () => {
  it('counts an IPv4 address as itself, mapped into IPv6 or not', () => {
    expect(callerKey('203.0.113.7')).toBe('203.0.113.7');
    expect(callerKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(callerKey('::FFFF:cb00:7107')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const a = callerKey('2001:db8:1:2:aaaa::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(callerKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(a);
    expect(callerKey('2001:db8:1:3::1')).not.toBe(a);
    expect(callerKey('::1')).toBe('::/64');
  });

  it('leaves what is no address as it is', () => {
    expect(callerKey('unknown')).toBe('unknown');
    expect(callerKey('local')).toBe('local');
  });
});
