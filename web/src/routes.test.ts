import { describe, expect, test } from 'vitest';
import { dashboardHref, deskHref, districtHref, placeOfHash } from './routes.js';

describe('placeOfHash', () => {
  test('a supply committee has a dashboard and a desk; both belong to the supply section', () => {
    expect(placeOfHash(dashboardHref('c1'))).toMatchObject({ kind: 'supplyDashboard', id: 'c1', route: { id: 'supply' } });
    expect(placeOfHash(deskHref('c1'))).toMatchObject({ kind: 'supplyDesk', id: 'c1', route: { id: 'supply' } });
    expect(placeOfHash('#/supply')).toMatchObject({ kind: 'section', route: { id: 'supply' } });
  });

  test('a district has its deliveries page in the supply section', () => {
    expect(placeOfHash(districtHref('d 1'))).toMatchObject({ kind: 'supplyDistrict', id: 'd 1', route: { id: 'supply' } });
    expect(placeOfHash('#/supply/districts/d1/more')).toBeNull();
  });

  test('addresses with no page are not found', () => {
    expect(placeOfHash('#/supply/c1/till')).toBeNull();
    expect(placeOfHash('#/supply/c1/desk/more')).toBeNull();
    expect(placeOfHash('#/councils/c1/desk')).toBeNull();
    expect(placeOfHash('#/councils/b1')).toMatchObject({ kind: 'body', id: 'b1' });
  });
});
