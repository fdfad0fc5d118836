// The one way pages talk to the API: same origin, the sign-in cookie, and the header that proves a write came from
// this app's own script (the API refuses a cookie-authenticated write without it: a cross-site form cannot set it).

/** The header every request from the app carries; the API requires it on cookie-authenticated writes. */
export const AppHeader = { "X-SocialCapital-App": "1" } as const;

// Read-your-writes across API replicas: every answer names the data version it was served from (X-Snapshot-Version; a
// write's body names the version it made). The app remembers the highest it has seen in this tab and sends it on later
// requests as X-Min-Version, so a replica that has not caught up yet waits (or answers 503) instead of showing older data.
const VersionHeader = "X-Snapshot-Version";
const MinVersionHeader = "X-Min-Version";
const VersionKey = "socialcapital-version";

/** The highest data version this tab has seen, or 0. */
export function seenVersion(): number {
  const value = Number(sessionStorage.getItem(VersionKey) ?? "0");
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** Remembers a version seen in an answer when it is the highest so far. */
function remember(version: unknown): void {
  const value = typeof version === "string" ? Number(version) : version;
  if (typeof value === "number" && Number.isSafeInteger(value) && value > seenVersion()) sessionStorage.setItem(VersionKey, String(value));
}

/** The version a write's answer names in its body ({ write: { version } }), if any. */
function writeVersion(json: unknown): unknown {
  if (typeof json !== "object" || json === null || !("write" in json)) return undefined;
  const write = (json as { write: unknown }).write;
  return typeof write === "object" && write !== null && "version" in write ? (write as { version: unknown }).version : undefined;
}

/** An answer other than 2xx, with the API's problem details (title, detail, field errors) in words. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: Record<string, string[]>;

  constructor(status: number, message: string, errors: Record<string, string[]> = {}) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** Sends a request and returns the JSON answer; throws ApiError naming what went wrong. A 401 sends the browser to
 * sign in and back. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  // A replica still catching up with a version this tab has seen: wait as it asks, then once more.
  const retryAfter = Number(response.headers.get("Retry-After") ?? "NaN");
  if (response.status === 503 && method === "GET" && retryAfter >= 0 && retryAfter <= 10) {
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    response = await send(method, path, body);
  }
  if (response.status === 401) {
    signIn();
    throw new ApiError(401, "Your session has ended; signing you in again.");
  }
  const text = await response.text();
  const json: unknown = text.length > 0 && (response.headers.get("Content-Type") ?? "").includes("json") ? JSON.parse(text) : null;
  if (response.ok) {
    remember(response.headers.get(VersionHeader));
    remember(writeVersion(json));
  }
  if (!response.ok) {
    const problem = (json ?? {}) as Problem;
    const fields = Object.entries(problem.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
    const message = [problem.detail ?? problem.title ?? `The service answered ${response.status}.`, ...fields].join(" ");
    throw new ApiError(response.status, message, problem.errors ?? {});
  }
  return json as T;
}

/** One request, with the app's headers and the highest version seen so far. */
async function send(method: string, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { ...AppHeader, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const version = seenVersion();
  if (version > 0) headers[MinVersionHeader] = String(version);
  try {
    return await fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, `Could not reach the service: ${(error as Error).message}`);
  }
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});

/** A query string from the defined values. */
export function query(values: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== "") q.set(key, String(value));
  const s = q.toString();
  return s.length > 0 ? `?${s}` : "";
}

/** Sends the browser to sign in, then back to this page. */
export function signIn(): void {
  const back = location.pathname + location.search;
  location.assign(`/auth/signin${query({ returnUrl: back })}`);
}

/** Who is signed in, as the API understands it. */
export interface Me {
  subject: string;
  name: string;
  roles: string[];
  /** Area codes, or ["*"] for every area. */
  areas: string[];
}

/** The signed-in user, or null (no one is signed in). */
export async function whoAmI(): Promise<Me | null> {
  const response = await fetch("/auth/me", { headers: { ...AppHeader, Accept: "application/json" }, credentials: "same-origin" });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response.status, `The service answered ${response.status} to /auth/me.`);
  return (await response.json()) as Me;
}

/** A page of results, as every list endpoint returns them. */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
