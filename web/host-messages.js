// The messages between an embedded map and the page that frames it (README « Intégrer la
// carte dans un site »): pure functions that read the deployment's embed.json, check a host's
// command and decide where the map's events may go, with no access to the page, so that
// node --test checks them (tests/web/host-messages.test.mjs). host.js does the wiring.

import { GROUPS, MAX_LIST_ENTRIES, MAX_SEARCH_CHARS, MAX_VALUE_CHARS } from './url.js';

export const SOURCE = 'catalyseurs';  // events carry {source: SOURCE}, commands {target: SOURCE}
export const COMMANDS = ['setFilters', 'search', 'select', 'home'];

// allowedOrigins: null for any page that frames the map, or the origins allowed to talk
// with it. postToAnyOrigin: whether events may go to '*' when the parent's origin is unknown.
export const OPEN_CONFIG = Object.freeze({ allowedOrigins: null, postToAnyOrigin: false });
// A config that says something the map cannot read must not leave the map more open than the
// deployment meant: no host at all.
export const CLOSED_CONFIG = Object.freeze({ allowedOrigins: Object.freeze([]), postToAnyOrigin: false });

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
// A value as a warning shows it: short, and never throwing (a message may hold anything the
// structured clone carries, cycles included).
function quote(v) {
  let text;
  try {
    text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  } catch {
    text = Object.prototype.toString.call(v);
  }
  if (text.length > 80) text = `${text.slice(0, 79)}…`;
  return typeof v === 'string' ? `« ${text} »` : text;
}

// An origin as the browser writes it (scheme://host[:port], no path, no slash); null otherwise.
export function canonicalOrigin(text) {
  if (typeof text !== 'string') return null;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text ? text : null;
  } catch {
    return null;
  }
}

// The answer to fetching embed.json, {status, text} (status 0 when the request failed) →
// {config, warnings}. No file (404) means no restriction; an unreadable one closes the map
// to every host, with a warning saying why.
export function readConfig({ status, text }) {
  if (status === 404) return { config: OPEN_CONFIG, warnings: [] };
  const closed = (why) => ({ config: CLOSED_CONFIG, warnings: [`embed.json ${why} : la carte n’accepte aucune commande de la page hôte et ne lui envoie rien`] });
  if (status < 200 || status > 299) return closed(`indisponible (${status ? `HTTP ${status}` : 'requête échouée'})`);
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return closed(`illisible (${e.message})`);
  }
  if (!isObject(json)) return closed('illisible (un objet JSON est attendu)');
  const warnings = [];
  for (const key of Object.keys(json)) {
    if (key !== 'allowedOrigins' && key !== 'postToAnyOrigin') warnings.push(`embed.json : clé inconnue ignorée « ${key} »`);
  }
  let allowedOrigins = null;
  const list = json.allowedOrigins;
  if (Array.isArray(list)) {
    allowedOrigins = [];
    for (const entry of list) {
      const origin = canonicalOrigin(entry);
      if (origin) allowedOrigins.push(origin);
      else warnings.push(`embed.json : origine ignorée ${quote(entry)} (attendu : « https://exemple.fr », sans chemin ni barre finale)`);
    }
  } else if (list !== undefined && list !== '*') {
    return closed(`illisible (allowedOrigins doit valoir "*" ou une liste d’origines, pas ${quote(list)})`);
  }
  const any = json.postToAnyOrigin;
  if (any !== undefined && typeof any !== 'boolean') warnings.push(`embed.json : postToAnyOrigin ignoré (${quote(any)} n’est ni true ni false)`);
  return { config: { allowedOrigins, postToAnyOrigin: any === true }, warnings };
}

export const allowsOrigin = (config, origin) => config.allowedOrigins === null || config.allowedOrigins.includes(origin);

// The parent page's origin, from what the browser says of it: location.ancestorOrigins where
// the browser has it (its first entry is the parent's; 'null' for an opaque origin, which
// no message can be addressed to), else the referrer, which is the page that loaded the
// frame. null when unknown.
export function parentOrigin({ ancestorOrigins, referrer }) {
  if (ancestorOrigins && ancestorOrigins.length > 0) return canonicalOrigin(ancestorOrigins[0]);
  if (!referrer) return null;
  try {
    return canonicalOrigin(new URL(referrer).origin);
  } catch {
    return null;
  }
}

// The targetOrigin for the map's events, or null when they must not be sent: the parent's
// origin when it is known and allowed; '*' only when it is unknown, the deployment says so,
// and lists no origins (a list cannot be checked against an unknown origin).
export function eventTarget(config, origin) {
  if (origin !== null) return allowsOrigin(config, origin) ? origin : null;
  return config.postToAnyOrigin && config.allowedOrigins === null ? '*' : null;
}

// A message's data → {command: {type, arg}} or {warning}. Checks the shape and the sizes, the
// same as the address's (url.js): which filter values or ids exist is the engine's business.
export function readCommand(data) {
  const bad = (why) => ({ warning: `Commande de la page hôte ignorée : ${why}` });
  if (!isObject(data)) return bad(`un objet {target: '${SOURCE}', type, …} est attendu, pas ${quote(data)}`);
  if (data.target !== SOURCE) return bad(`target vaut ${quote(data.target)} au lieu de « ${SOURCE} »`);
  const { type } = data;
  if (!COMMANDS.includes(type)) return bad(`type inconnu ${quote(type)} (connus : ${COMMANDS.join(', ')})`);
  if (type === 'home') return { command: { type } };
  if (type === 'search' || type === 'select') {
    const key = type === 'search' ? 'q' : 'id';
    if (typeof data[key] !== 'string') return bad(`${type} attend ${key}, une chaîne, pas ${quote(data[key])}`);
    const max = type === 'search' ? MAX_SEARCH_CHARS : MAX_VALUE_CHARS;
    if (data[key].length > max) return bad(`${type} : ${key} a ${data[key].length} caractères, ${max} au plus`);
    return { command: { type, arg: data[key] } };
  }
  if (!isObject(data.filters)) return bad(`setFilters attend filters, un objet {${GROUPS.join(', ')}}, pas ${quote(data.filters)}`);
  const filters = {};
  for (const [group, values] of Object.entries(data.filters)) {
    if (!GROUPS.includes(group)) return bad(`setFilters : groupe inconnu ${quote(group)} (connus : ${GROUPS.join(', ')})`);
    // The length first: a list of a million values is refused without reading them.
    if (Array.isArray(values) && values.length > MAX_LIST_ENTRIES) return bad(`setFilters : ${group} a ${values.length} valeurs, ${MAX_LIST_ENTRIES} au plus`);
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return bad(`setFilters : ${group} doit être une liste de chaînes, pas ${quote(values)}`);
    const long = values.find((v) => v.length > MAX_VALUE_CHARS);
    if (long !== undefined) return bad(`setFilters : valeur de ${group} de plus de ${MAX_VALUE_CHARS} caractères, ${quote(long)}`);
    filters[group] = values;
  }
  for (const group of GROUPS) filters[group] ??= [];
  return { command: { type, arg: filters } };
}
