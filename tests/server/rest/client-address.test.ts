import { describe, expect, it } from 'vitest';
import { clientAddress, isIpAddress, normalizeAddress, trustedProxySet, type AddressedRequest } from '../../../server/rest/client-address';

function request(peer: string | undefined, forwardedFor?: string | string[]): AddressedRequest {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } };
}

describe('the client address of a request', () => {
  const proxies = trustedProxySet(['127.0.0.1', '10.0.0.5']);

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'), trustedProxySet())).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'), proxies)).toBe('203.0.113.7');
  });

  it('is the right-most untrusted X-Forwarded-For entry when the peer is a trusted proxy', () => {
    expect(clientAddress(request('127.0.0.1', '198.51.100.1'), proxies)).toBe('198.51.100.1');
    // the client wrote "1.2.3.4" itself; our proxies appended the rest
    expect(clientAddress(request('127.0.0.1', '1.2.3.4, 198.51.100.1, 10.0.0.5'), proxies)).toBe('198.51.100.1');
    expect(clientAddress(request('127.0.0.1', ['1.2.3.4', '198.51.100.1']), proxies)).toBe('198.51.100.1');
  });

  it('falls back to the nearest trusted hop when the header is missing, only proxies, or malformed', () => {
    expect(clientAddress(request('127.0.0.1'), proxies)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', ' , '), proxies)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', '10.0.0.5'), proxies)).toBe('10.0.0.5');
    expect(clientAddress(request('127.0.0.1', '198.51.100.1, not-an-address, 10.0.0.5'), proxies)).toBe('10.0.0.5');
  });

  it('treats an IPv4 peer on a dual-stack socket as the IPv4 address', () => {
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress(request('::ffff:127.0.0.1', '2001:db8::1'), proxies)).toBe('2001:db8::1');
    expect(clientAddress(request(undefined), proxies)).toBe('unknown');
  });

  it('knows an IP address from anything else', () => {
    expect(['127.0.0.1', '::1', '2001:db8::1', ' ::ffff:10.0.0.1 '].every(isIpAddress)).toBe(true);
    expect(['', 'localhost', '10.0.0', '10.0.0.1:80', '1.2.3.4/24'].some(isIpAddress)).toBe(false);
  });
});
