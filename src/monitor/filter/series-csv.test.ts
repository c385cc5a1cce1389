import { describe, expect, test } from 'vitest';
import { parseSeriesCsv, parseTimestamp, SeriesFileError } from './series-csv.js';

const fails = (text: string): [number, string] => {
  try {
    parseSeriesCsv(text);
  } catch (e) {
    if (e instanceof SeriesFileError) return [e.line, e.reason];
    throw e;
  }
  throw new Error('parsed without an error');
};

describe('the timestamp,value file of `cordon monitor detect`', () => {
  test('keeps every timestamp exactly as written, and reads the values', () => {
    const s = parseSeriesCsv('timestamp,value\r\n2014-07-01 00:00:00,10844\r\n2014-07-01 00:30:00,8127.5\r\n\r\n');
    expect(s.timestamps).toEqual(['2014-07-01 00:00:00', '2014-07-01 00:30:00']);
    expect([...s.values]).toEqual([10844, 8127.5]);
    expect([...s.times]).toEqual([Date.UTC(2014, 6, 1), Date.UTC(2014, 6, 1, 0, 30)]);
    expect(s.lines).toEqual([2, 3]);
  });

  test('a BOM, a date alone, ISO 8601 with T, fraction and offset', () => {
    const s = parseSeriesCsv('\ufefftimestamp,value\n2024-01-01,1\n2024-01-02T10:00:00.5Z,-2e3\n2024-01-03T00:00:00+02:00,0\n');
    expect(s.timestamps).toEqual(['2024-01-01', '2024-01-02T10:00:00.5Z', '2024-01-03T00:00:00+02:00']);
    expect([...s.values]).toEqual([1, -2000, 0]);
    expect(s.times[2]).toBe(Date.UTC(2024, 0, 2, 22));
  });

  test('bad rows name the line and the reason', () => {
    expect(fails('time,value\n2024-01-01,1\n')).toEqual([1, 'the header must be timestamp,value, got "time,value"']);
    expect(fails('')).toEqual([1, 'the header must be timestamp,value, got ""']);
    expect(fails('timestamp,value\n2024-01-01,1\n2024-01-02,abc\n')).toEqual([3, 'value: not a number: "abc"']);
    expect(fails('timestamp,value\n2024-01-01,\n')).toEqual([2, 'value: not a number: ""']);
    expect(fails('timestamp,value\n2024-01-01,NaN\n')).toEqual([2, 'value: not a number: "NaN"']);
    expect(fails('timestamp,value\n2024-01-01,1,2\n')).toEqual([2, 'expected 2 columns (timestamp,value), got 3']);
    expect(fails('timestamp,value\n2024-01-01\n')).toEqual([2, 'expected 2 columns (timestamp,value), got 1']);
    expect(fails('timestamp,value\n2024-02-30,1\n')).toEqual([2, 'timestamp: not a date and time: "2024-02-30"']);
    expect(fails('timestamp,value\nyesterday,1\n')).toEqual([2, 'timestamp: not a date and time: "yesterday"']);
    expect(fails('timestamp,value\n2024-01-01 10:00,1\n2024-01-01 10:60,2\n')).toEqual([3, 'timestamp: not a date and time: "2024-01-01 10:60"']);
  });

  test('a timestamp that repeats or goes back (a clock change) is a row like any other, kept in file order', () => {
    // NAB machine_temperature_system_failure.csv, lines 10150–10152: the clock goes back an hour.
    const back = parseSeriesCsv('timestamp,value\n2014-01-07 02:50:00,93.39737409\n2014-01-07 02:55:00,92.85599879\n2014-01-07 02:00:00,94.13972336\n');
    expect(back.timestamps).toEqual(['2014-01-07 02:50:00', '2014-01-07 02:55:00', '2014-01-07 02:00:00']);
    expect([...back.times]).toEqual([Date.UTC(2014, 0, 7, 2, 50), Date.UTC(2014, 0, 7, 2, 55), Date.UTC(2014, 0, 7, 2)]);
    expect(back.lines).toEqual([2, 3, 4]);
    // NAB ec2_request_latency_system_failure.csv, from line 558: the same hour written again and again.
    const same = parseSeriesCsv('timestamp,value\n2014-03-09 01:56:00,44.038000000000004\n2014-03-09 03:00:00,44.611999999999995\n2014-03-09 03:00:00,43.578\n');
    expect(same.timestamps).toEqual(['2014-03-09 01:56:00', '2014-03-09 03:00:00', '2014-03-09 03:00:00']);
    expect([...same.values]).toEqual([44.038000000000004, 44.611999999999995, 43.578]);
  });

  test('parseTimestamp: calendar checks', () => {
    expect(parseTimestamp('2024-02-29 23:59:59')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseTimestamp('2023-02-29')).toBeUndefined();
    expect(parseTimestamp('2023-13-01')).toBeUndefined();
    expect(parseTimestamp('2023-01-01 24:00:00')).toBeUndefined();
    expect(parseTimestamp('2023-01-01 10:00')).toBe(Date.UTC(2023, 0, 1, 10));
    expect(parseTimestamp('2013-12-15 07:00:00.000000')).toBe(Date.UTC(2013, 11, 15, 7));
  });
});
