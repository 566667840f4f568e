// The JSON API: query strings from filter objects, errors as exceptions with the server's detail.
const KEY_STORE = 'rasid.apiKey';

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function parse(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail || body);
    const error = new Error(`${response.status} ${detail}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

export async function getJSON(path, params = {}) {
  return parse(await fetch(path + query(params), { headers: { Accept: 'application/json' } }));
}

export async function postJSON(path, body) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const key = apiKey();
  if (key) headers['X-API-Key'] = key;
  return parse(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }));
}

export function apiKey() {
  try { return sessionStorage.getItem(KEY_STORE) || ''; } catch (_) { return ''; }
}

export function setApiKey(value) {
  try {
    if (value) sessionStorage.setItem(KEY_STORE, value); else sessionStorage.removeItem(KEY_STORE);
  } catch (_) { /* storage may be off */ }
}
