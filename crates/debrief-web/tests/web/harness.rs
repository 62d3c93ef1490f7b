//! What every test of the web binary drives the app with: a server on 127.0.0.1:0 over a
//! temporary store, the clients that talk to it ([`App`] in local mode, [`Browser`] with its own
//! cookie jar), and the [`Page`] each response is read into, with its assertions.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use debrief_pack::Catalog;
use debrief_web::{AppState, Auth, Limits, Store, serve};
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION, SET_COOKIE};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

// ---------------------------------------------------------------------------------------------
// Pages

/// A response read to the end.
pub struct Page {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: HeaderMap,
    pub body: String,
    /// The body with askama's numeric entities written in their named forms, so assertions
    /// read naturally; a raw `<` stays a raw `<`, so escaping is still checked.
    pub text: String,
}

impl Page {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    #[track_caller]
    pub fn has(&self, needle: &str) -> &Page {
        assert!(
            self.text.contains(needle),
            "expected {needle:?} in:\n{}",
            self.text
        );
        self
    }

    #[track_caller]
    pub fn lacks(&self, needle: &str) -> &Page {
        assert!(
            !self.text.contains(needle),
            "did not expect {needle:?} in:\n{}",
            self.text
        );
        self
    }

    /// Every HTML page: the shared layout's landmarks, a skip link and exactly one h1.
    #[track_caller]
    pub fn is_page(&self) -> &Page {
        assert!(
            self.content_type.starts_with("text/html"),
            "{}",
            self.content_type
        );
        self.has(r##"<a class="skip-link" href="#main">"##)
            .has("<header")
            .has(r#"<nav class="site-nav" aria-label="Main">"#)
            .has(r#"<main id="main""#)
            .has("<footer");
        assert_eq!(self.body.matches("<h1").count(), 1, "one h1 per page");
        self
    }

    /// Where a redirect points (empty when it is none).
    pub fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Every `Set-Cookie` header of the response, whole.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    /// The `Set-Cookie` header that sets cookie `name`, with its attributes.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }

    /// The CSRF token in the page's `<meta name="csrf-token">`.
    pub fn csrf_token(&self) -> Option<&str> {
        quoted_after(&self.body, r#"<meta name="csrf-token" content=""#)
    }
}

/// Sends `request` and reads the whole response; `what` names the request when it fails.
pub async fn read(request: RequestBuilder, what: &str) -> Page {
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.expect("body");
    let text = body
        .replace("&#60;", "&lt;")
        .replace("&#62;", "&gt;")
        .replace("&#38;", "&amp;")
        .replace("&#34;", "&quot;")
        .replace("&#39;", "'");
    Page {
        status,
        content_type,
        headers,
        body,
        text,
    }
}

/// HTML text as a reader sees it: askama's escapes undone.
pub fn unescape(html: &str) -> String {
    html.replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The text between the first `prefix` in `html` and the next `"`: an attribute's value when
/// `prefix` ends with the attribute's opening quote.
pub fn quoted_after<'a>(html: &'a str, prefix: &str) -> Option<&'a str> {
    html.split(prefix)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
}

/// The value of the hidden field `name` on a page.
#[track_caller]
pub fn hidden(page: &Page, name: &str) -> String {
    quoted_after(
        &page.body,
        &format!(r#"<input type="hidden" name="{name}" value=""#),
    )
    .unwrap_or_else(|| panic!("no hidden field {name}"))
    .to_owned()
}

/// One part of a `multipart/form-data` body: a field, or a file when it has a file name.
pub struct Part<'a> {
    name: &'a str,
    filename: Option<&'a str>,
    value: &'a str,
}

impl<'a> Part<'a> {
    pub fn field(name: &'a str, value: &'a str) -> Part<'a> {
        Part {
            name,
            filename: None,
            value,
        }
    }

    pub fn file(name: &'a str, filename: &'a str, content: &'a str) -> Part<'a> {
        Part {
            name,
            filename: Some(filename),
            value: content,
        }
    }
}

/// `request` with `parts` as its `multipart/form-data` body, as a browser uploads a form.
pub fn multipart(request: RequestBuilder, parts: &[Part<'_>]) -> RequestBuilder {
    const BOUNDARY: &str = "----debriefboundary7MA4YWxkTrZu0gW";
    let mut body: String = parts
        .iter()
        .map(|part| {
            let file = part.filename.map_or(String::new(), |f| {
                format!("; filename=\"{f}\"\r\nContent-Type: application/octet-stream")
            });
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"{file}\r\n\r\n{}\r\n",
                part.name, part.value
            )
        })
        .collect();
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    request
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
}

/// `request` with `body` as JSON and the CSRF token in `X-CSRF-Token`, as the page's script
/// sends it.
fn json_with_token(
    request: RequestBuilder,
    token: &str,
    body: impl Into<reqwest::Body>,
) -> RequestBuilder {
    request
        .header("x-csrf-token", token)
        .header(CONTENT_TYPE, "application/json")
        .body(body)
}

// ---------------------------------------------------------------------------------------------
// Content, data and time

/// The built-in pack (the fit questionnaire, every loop and principle), loaded once per test
/// binary run.
pub fn catalog() -> Arc<Catalog> {
    static CATALOG: OnceLock<Arc<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Arc::new(debrief_content::load(None).expect("built-in content is valid")))
        .clone()
}

/// The fixture pack, as the server under test loads it (the small one of debrief-content).
pub fn fixture() -> Catalog {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../debrief-content/tests/fixtures/minimal");
    let files = debrief_content::read_folder(&dir).expect("fixture pack is readable");
    debrief_content::load_layers(&files, &[]).expect("fixture pack is valid")
}

/// The fixture pack with the artifact fixture laid over it as a user layer: one small kind,
/// `launch-memo`, its three prompts, two annotated examples and every check's wording.
pub fn artifact_fixture() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base =
        debrief_content::read_folder(&root.join("../debrief-content/tests/fixtures/minimal"))
            .expect("fixture pack is readable");
    let overlay = debrief_content::read_folder(&root.join("tests/fixtures/artifacts"))
        .expect("artifact fixture is readable");
    debrief_content::load_layers(&base, &overlay).expect("the artifact fixture is valid")
}

/// A database folder that outlives the servers started on it (a restart keeps the data).
pub struct Data {
    dir: tempfile::TempDir,
}

impl Data {
    pub fn new() -> Data {
        Data {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The data folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Opens the store, as a new server process would.
    pub async fn store(&self) -> Store {
        Store::open(&self.dir.path().join("debrief.sqlite3").to_string_lossy())
            .await
            .expect("store opens")
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

/// `days` from today (UTC), as `YYYY-MM-DD`.
pub fn in_days(days: i64) -> String {
    debrief_coach::plan::Date::from_days_since_epoch(now() / 86_400 + days)
        .expect("date")
        .to_string()
}

/// The fields of one box of a mock loop, as its form sends them: the box's `round`,
/// `question` and `probe` indices, then the `text` written in it.
pub const fn mock_box<'a>(slot: [&'a str; 3], text: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("round", slot[0]),
        ("question", slot[1]),
        ("probe", slot[2]),
        ("text", text),
    ]
}

// ---------------------------------------------------------------------------------------------
// Servers and clients

/// A running server; stopped gracefully by [`Server::stop`].
pub struct Server {
    pub base: String,
    /// The store the server writes to, for tests that look behind the pages.
    pub store: Store,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Serves `state` on 127.0.0.1:0.
    async fn serve(state: AppState) -> Server {
        Server::serve_with(state, Limits::default()).await
    }

    /// [`Server::start`] with other connection limits (short timeouts, a small cap).
    pub async fn with_limits(data: &Data, auth: Auth, limits: Limits) -> Server {
        let state = AppState::shared(catalog(), data.store().await).with_auth(auth);
        Server::serve_with(state, limits).await
    }

    async fn serve_with(state: AppState, limits: Limits) -> Server {
        let store = state.store.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, state, limits, async {
            let _ = stopped.await;
        }));
        Server {
            base: format!("http://{addr}"),
            store,
            stop,
            task,
        }
    }

    /// A server over the built-in content and the database in `data`, in `auth`'s mode.
    pub async fn start(data: &Data, auth: Auth) -> Server {
        Server::start_over(data, auth, catalog()).await
    }

    /// [`Server::start`] over another content pack.
    pub async fn start_over(data: &Data, auth: Auth, catalog: Arc<Catalog>) -> Server {
        let state = AppState::shared(catalog, data.store().await).with_auth(auth);
        Server::serve(state).await
    }

    /// [`Server::start`] in local mode: no accounts.
    pub async fn local(data: &Data) -> Server {
        Server::start(data, Auth::local()).await
    }

    /// [`Server::local`] drawing every new mock loop with `seed`, so a test of what one
    /// mock's questions and probes show never depends on the operating system's draw.
    pub async fn local_seeded(data: &Data, seed: u64) -> Server {
        let state = AppState::shared(catalog(), data.store().await).with_mock_seed(seed);
        Server::serve(state).await
    }

    /// [`Server::start`] in multi-user mode, sign-up open, behind a reverse proxy on loopback (`--trusted-proxy 127.0.0.1`), so
    /// [`Browser::at_address`] can pose as clients at other addresses.
    pub async fn multi_user(data: &Data) -> Server {
        let mut auth = Auth::multi_user();
        auth.trusted_proxies =
            debrief_web::TrustedProxies::parse(&["127.0.0.1"]).expect("an address");
        Server::start(data, auth).await
    }

    /// A new browser, no cookies yet, pointed at this server.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    pub async fn stop(self) {
        self.stop.send(()).expect("server still running");
        self.task
            .await
            .expect("server task")
            .expect("graceful shutdown");
        self.store.close().await;
    }
}

/// A local-mode server over a fresh temporary store, and a client that follows redirects and
/// sends the CSRF cookie of the first page with every request.
pub struct App {
    server: Server,
    /// The store's folder, removed when the app is dropped.
    _data: Data,
    /// The store the server writes to, for tests that look behind the pages.
    pub store: Store,
    client: reqwest::Client,
    /// The CSRF cookie the server set and the token its pages carry: every POST sends both, as
    /// a browser submitting one of the pages' forms does.
    cookie: String,
    pub csrf: String,
}

/// The `debrief_csrf` cookie a page sets (as `name=value`) and the token in its
/// `<meta name="csrf-token">`: the same value in local mode.
fn csrf_of(page: &Page) -> (String, String) {
    let cookie = page
        .set_cookie("debrief_csrf")
        .as_deref()
        .and_then(|v| v.split(';').next())
        .expect("the first page sets the CSRF cookie")
        .to_owned();
    let csrf = page
        .csrf_token()
        .expect("every page carries the CSRF token")
        .to_owned();
    assert_eq!(cookie, format!("debrief_csrf={csrf}"));
    (cookie, csrf)
}

impl App {
    /// The app over the fixture pack.
    pub async fn start() -> App {
        App::start_with(Arc::new(fixture())).await
    }

    /// The app over the built-in content pack (the fit questionnaire, every loop and principle).
    pub async fn start_builtin() -> App {
        App::start_with(catalog()).await
    }

    /// The app over `catalog` (a pack a test built, such as the built-in one with a layer).
    pub async fn start_with(catalog: Arc<Catalog>) -> App {
        let data = Data::new();
        let server = Server::serve(AppState::shared(catalog, data.store().await)).await;
        let client = reqwest::Client::new();
        let home = read(client.get(format!("{}/", server.base)), "GET /").await;
        let (cookie, csrf) = csrf_of(&home);
        App {
            store: server.store.clone(),
            server,
            _data: data,
            client,
            cookie,
            csrf,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let request = self
            .client
            .get(format!("{}{path}", self.server.base))
            .header(reqwest::header::COOKIE, &self.cookie);
        read(request, &format!("GET {path}")).await
    }

    /// A POST with the CSRF cookie, as the app's own pages send it.
    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client
            .post(format!("{}{path}", self.server.base))
            .header(reqwest::header::COOKIE, &self.cookie)
    }

    /// POSTs `pairs` urlencoded with the page's CSRF token, as a browser submits a form.
    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let mut pairs = pairs.to_vec();
        pairs.insert(0, ("csrf", &self.csrf));
        let request = self.post(path).form(&pairs);
        read(request, &format!("POST {path}")).await
    }

    /// POSTs `body` as JSON with the CSRF token in `X-CSRF-Token`, as the page's script does.
    pub async fn post_json(&self, path: &str, body: impl Into<reqwest::Body>) -> Page {
        let request = json_with_token(self.post(path), &self.csrf, body);
        read(request, &format!("POST {path}")).await
    }

    pub async fn stop(self) {
        self.server.stop().await;
    }
}

/// A browser: cookies kept as a browser keeps them, the CSRF token of the last page it read,
/// and the client address a proxy would report for it (`X-Forwarded-For`). It never follows
/// redirects, so every `303` and `Set-Cookie` can be looked at.
pub struct Browser {
    client: reqwest::Client,
    base: Mutex<String>,
    cookies: Mutex<BTreeMap<String, String>>,
    token: Mutex<String>,
    address: Option<String>,
}

impl Browser {
    fn new(base: &str) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: Mutex::new(base.to_owned()),
            cookies: Mutex::new(BTreeMap::new()),
            token: Mutex::new(String::new()),
            address: None,
        }
    }

    /// The same browser seen from another client address.
    pub fn at_address(mut self, address: &str) -> Browser {
        self.address = Some(address.to_owned());
        self
    }

    /// Points the browser at another server (a restarted one), keeping its cookies and the
    /// page it has open.
    pub fn reopen(&self, server: &Server) {
        *self.base.lock().expect("lock") = server.base.clone();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base.lock().expect("lock"))
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().expect("lock").get(name).cloned()
    }

    /// Keeps cookie `name` as if a response had set it (a stolen one, say).
    pub fn plant_cookie(&self, name: &str, value: &str) {
        self.cookies
            .lock()
            .expect("lock")
            .insert(name.to_owned(), value.to_owned());
    }

    pub fn token(&self) -> String {
        self.token.lock().expect("lock").clone()
    }

    /// Sends `request` with the browser's cookies; keeps what the response sets.
    pub async fn send(&self, mut request: RequestBuilder, what: &str) -> Page {
        let jar: Vec<String> = self
            .cookies
            .lock()
            .expect("lock")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !jar.is_empty() {
            request = request.header(reqwest::header::COOKIE, jar.join("; "));
        }
        if let Some(address) = &self.address {
            request = request.header("x-forwarded-for", address);
        }
        let page = read(request, what).await;
        for set in page.set_cookies() {
            let (pair, attributes) = set.split_once(';').unwrap_or((set.as_str(), ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            let mut cookies = self.cookies.lock().expect("lock");
            if attributes.contains("Max-Age=0") {
                cookies.remove(name);
            } else {
                cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        if let Some(token) = page.csrf_token() {
            *self.token.lock().expect("lock") = token.to_owned();
        }
        page
    }

    pub async fn get(&self, path: &str) -> Page {
        self.send(self.client.get(self.url(path)), &format!("GET {path}"))
            .await
    }

    /// A bare POST to `path`, for [`Browser::send`]: no body, no token.
    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(self.url(path))
    }

    /// `pairs` with the token of the last page read first, as the page's form sends them.
    fn with_token<'a>(token: &'a str, pairs: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut fields = vec![("csrf", token)];
        fields.extend_from_slice(pairs);
        fields
    }

    /// Submits a form as the page would: the token of the last page read comes first.
    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let token = self.token();
        self.post_raw(path, &Browser::with_token(&token, pairs))
            .await
    }

    /// Submits exactly `pairs`, with no token added.
    pub async fn post_raw(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let request = self.post(path).form(pairs);
        self.send(request, &format!("POST {path}")).await
    }

    /// [`Browser::post_form`] with extra headers (`Origin`, `Sec-Fetch-Site`).
    pub async fn post_with(
        &self,
        path: &str,
        pairs: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let token = self.token();
        let mut request = self.post(path).form(&Browser::with_token(&token, pairs));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(request, &format!("POST {path}")).await
    }

    /// POSTs `body` as JSON with the token in `X-CSRF-Token`, as the page's script does.
    pub async fn post_json(&self, path: &str, body: impl Into<reqwest::Body>) -> Page {
        let request = json_with_token(self.post(path), &self.token(), body);
        self.send(request, &format!("POST {path}")).await
    }

    /// Posts a form as the autosave script does: token in `X-CSRF-Token`, JSON asked for.
    pub async fn post_script(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let request = self
            .post(path)
            .header("x-csrf-token", self.token())
            .header(reqwest::header::ACCEPT, "application/json")
            .form(pairs);
        self.send(request, &format!("POST {path} (script)")).await
    }
}

// ---------------------------------------------------------------------------------------------
// Accounts

/// The password every test account is made with.
pub const PASSWORD: &str = "correct horse battery";

/// The fields of the sign-up form.
pub fn sign_up_form<'a>(
    username: &'a str,
    password: &'a str,
    confirm: &'a str,
) -> [(&'a str, &'a str); 3] {
    [
        ("username", username),
        ("password", password),
        ("confirm", confirm),
    ]
}

/// The account pages, as a person fills them in.
impl Browser {
    /// Creates `username` with [`PASSWORD`] through the sign-up page; asserts it worked.
    pub async fn sign_up(&self, username: &str) -> Page {
        self.get("/signup").await;
        let page = self
            .post_form("/signup", &sign_up_form(username, PASSWORD, PASSWORD))
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
        // The token of the new session is on the next page.
        self.get("/").await;
        page
    }

    /// Signs in through the sign-in page.
    pub async fn sign_in(&self, username: &str, password: &str) -> Page {
        self.get("/login").await;
        self.post_form("/login", &[("username", username), ("password", password)])
            .await
    }
}
