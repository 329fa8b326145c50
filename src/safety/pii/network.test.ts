import { describe, expect, it } from 'vitest';
import { emailRecognizer } from './email.js';
import { ipAddressRecognizer } from './ip-address.js';
import { macAddressRecognizer } from './mac-address.js';
import { phoneRecognizer } from './phone.js';
import { type PiiRecognizer } from './recognizer.js';
import { urlRecognizer } from './url.js';

const matched = (r: PiiRecognizer, text: string): string[] =>
  r.detect(text).map((f) => text.slice(f.span?.start, f.span?.end));

describe('email', () => {
  it('finds addresses and trims sentence punctuation', () => {
    expect(matched(emailRecognizer, 'Mail anna.ruiz+films@mail.example.co.uk.')).toEqual([
      'anna.ruiz+films@mail.example.co.uk',
    ]);
    expect(matched(emailRecognizer, 'a@b.io, c_d@e-f.org')).toEqual(['a@b.io', 'c_d@e-f.org']);
  });

  it('rejects things that only look like addresses', () => {
    expect(matched(emailRecognizer, 'meet @ 5pm, user@localhost, x@y, @handle, a..b@c.com')).toEqual([]);
    expect(matched(emailRecognizer, 'bad@-dash.com bad@dash-.com')).toEqual([]);
  });

  it('stays linear on long runs without an @', () => {
    expect(matched(emailRecognizer, 'a'.repeat(100_000) + '@')).toEqual([]);
  });
});

describe('phone', () => {
  it('finds national and international formats with a US default', () => {
    const text =
      'Call +44 20 7946 0958, (415) 555-2671, 415-555-2671, +33 1 42 68 53 00, 0044 20 7946 0958, ' +
      '+1 415 555 2671, 011 44 20 7946 0958 or +49 151 23456789.';
    expect(matched(phoneRecognizer, text)).toEqual([
      '+44 20 7946 0958',
      '(415) 555-2671',
      '415-555-2671',
      '+33 1 42 68 53 00',
      '0044 20 7946 0958',
      '+1 415 555 2671',
      '011 44 20 7946 0958',
      '+49 151 23456789',
    ]);
  });

  it('ignores years, prices, dates, ISBNs, order numbers and invalid ranges', () => {
    const text =
      'Released 1994, $12.99, 2024-05-12 10:30, 12/05/2023, ISBN 978-3-16-148410-0, order 48213907, ' +
      'ticket 503 913 659, 123-456-7890, 192.168.1.100';
    expect(matched(phoneRecognizer, text)).toEqual([]);
  });

  it('scores bare digit runs low unless phone context is present', () => {
    const [bare] = phoneRecognizer.detect('ref 4155552671');
    const [ctx] = phoneRecognizer.detect('call me 4155552671');
    expect(bare?.score).toBeLessThan(0.4);
    expect(ctx?.score).toBeGreaterThanOrEqual(0.6);
  });
});

describe('ip_address', () => {
  it('finds IPv4 within octet bounds and IPv6 in full and compressed forms', () => {
    const text = 'from 192.168.1.10, 2001:0db8:85a3:0000:0000:8a2e:0370:7334, fe80::1 and ::ffff:10.0.0.1.';
    expect(matched(ipAddressRecognizer, text)).toEqual(
      expect.arrayContaining([
        '192.168.1.10',
        '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
        'fe80::1',
        '::ffff:10.0.0.1',
      ]),
    );
  });

  it('rejects out-of-range octets, longer dotted runs, times and MACs', () => {
    expect(matched(ipAddressRecognizer, '256.1.1.1 1.2.3.4.5 10:30:45 00:1A:2B:3C:4D:5E 1:2:3')).toEqual([]);
  });

  it('treats dotted quads after "version" as versions', () => {
    const [f] = ipAddressRecognizer.detect('version 1.2.3.4');
    expect(f?.score).toBeLessThan(0.4);
  });
});

describe('mac_address', () => {
  it('finds colon, dash and Cisco forms with one separator style', () => {
    expect(matched(macAddressRecognizer, 'MAC 00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e, 001a.2b3c.4d5e')).toEqual(
      ['00:1A:2B:3C:4D:5E', '00-1a-2b-3c-4d-5e', '001a.2b3c.4d5e'],
    );
    expect(matched(macAddressRecognizer, '00:1A-2B:3C:4D:5E 00:1A:2B:3C:4D')).toEqual([]);
  });
});

describe('url', () => {
  it('finds scheme, www and bare-domain URLs and trims trailing punctuation', () => {
    const text = 'See https://example.com/a?b=c. or (www.candor.tv), imdb.com/title/tt0068646!';
    expect(matched(urlRecognizer, text)).toEqual([
      'https://example.com/a?b=c',
      'www.candor.tv',
      'imdb.com/title/tt0068646',
    ]);
  });

  it('does not treat e-mail domains, abbreviations or tech names as URLs', () => {
    expect(matched(urlRecognizer, 'anna@example.com, e.g. this, ASP.NET, Node.js, a.m.')).toEqual([]);
  });
});
