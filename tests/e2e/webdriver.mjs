// A small W3C WebDriver client over fetch (Node 20), enough to drive the Tauri app through
// tauri-driver: sessions, elements, typing, clicks, scripts and screenshots. No npm packages.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities, { timeoutMs = 30_000 } = {}) {
    const value = await call(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } }, timeoutMs);
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async delete() {
    await this.cmd("DELETE", "").catch(() => {});
  }

  /** All elements matching a CSS selector (possibly none). */
  async findAll(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.map((e) => new Element(this, e[ELEMENT]));
  }

  byTestId(id) {
    return `[data-testid="${id}"]`;
  }

  /** Waits until `probe` returns a truthy value and returns it; fails with `what` after `timeoutMs`. */
  async waitFor(what, probe, { timeoutMs = 15_000, intervalMs = 100 } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) {
        throw new WebDriverError(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** The first displayed element matching `css`, waiting for it to appear. */
  async visible(css, options) {
    return this.waitFor(`a visible ${css}`, async () => {
      for (const el of await this.findAll(css)) {
        if (await el.displayed()) return el;
      }
      return null;
    }, options);
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** Lets the page paint what the last action changed, then returns a PNG. */
  async screenshot() {
    await this.executeAsync(
      "const done = arguments[arguments.length - 1];" +
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
    );
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  /** Clicks; while something still covers the element (a drawer sliding in, a toast), waits
   *  and tries again, as a person would. */
  async click({ timeoutMs = 10_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.cmd("POST", "/click", {});
      } catch (e) {
        if (!/intercepted|not interactable/.test(e.message) || Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  }

  /** Types `text`; when the browser's key events mangle it (IME-only characters), sets it the
   *  way React notices: the native value setter followed by an input event. */
  async type(text) {
    await this.cmd("POST", "/clear", {}).catch(() => {});
    await this.cmd("POST", "/value", { text });
    const value = await this.property("value");
    if (value !== text) {
      await this.session.execute(
        "const el = arguments[0]; const proto = Object.getPrototypeOf(el);" +
          "Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);" +
          "el.dispatchEvent(new Event('input', { bubbles: true }));",
        [{ [ELEMENT]: this.id }, text],
      );
    }
  }

  /** The elements inside this one matching a CSS selector (possibly none). */
  async findAll(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.map((e) => new Element(this.session, e[ELEMENT]));
  }

  text() {
    return this.cmd("GET", "/text");
  }

  displayed() {
    return this.cmd("GET", "/displayed");
  }

  property(name) {
    return this.cmd("GET", `/property/${name}`);
  }
}

async function call(base, method, path, body, timeoutMs = 60_000) {
  let response;
  try {
    response = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new WebDriverError(`${method} ${path}: ${e.name === "TimeoutError" ? `no answer in ${timeoutMs} ms` : e.message}`);
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${response.status} ${v.error ?? ""} ${v.message ?? ""}`.trim());
  }
  return json.value;
}
