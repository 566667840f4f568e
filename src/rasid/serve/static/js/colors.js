// One colour per ACLED event type, shared by the map, its legend and the table.
export const TYPE_COLORS = {
  'Battles': '#c0392b',
  'Explosions/Remote violence': '#e67e22',
  'Violence against civilians': '#8e44ad',
  'Protests': '#27ae60',
  'Riots': '#d35400',
  'Strategic developments': '#2c7fb8',
};
export const UNKNOWN_COLOR = '#7f8c8d';

export function colorOf(type) {
  return TYPE_COLORS[type] || UNKNOWN_COLOR;
}
