//! Listening, the connection loop, startup (seed or state file) and clean shutdown.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

use crate::app::{self, App, Credentials, RateLimit};
use crate::persist::{self, Persist};
use crate::seed::Seed;

#[derive(Clone, Debug)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub seed: Seed,
    pub state: Option<PathBuf>,
    pub rate_limit: Option<u64>,
    pub rate_window_secs: u64,
    pub creds: Credentials,
}

/// Builds the application: loads the state file (or seeds, and writes it), starts the writer.
pub fn build(cfg: &Config) -> Result<Arc<App>, String> {
    crate::util::seed_rng();
    let rate = RateLimit::new(cfg.rate_limit, cfg.rate_window_secs);
    let Some(path) = &cfg.state else {
        return Ok(App::new(
            cfg.seed.build(),
            cfg.creds.clone(),
            cfg.seed,
            None,
            rate,
        ));
    };
    let store = match persist::load(path)? {
        Some(s) => s,
        None => {
            let s = cfg.seed.build();
            persist::write_atomic(path, &persist::serialize(&s))
                .map_err(|e| format!("cannot write state file {}: {e}", path.display()))?;
            s
        }
    };
    let generation = store.generation;
    let p = Persist::new(path.clone(), generation);
    let app = App::new(store, cfg.creds.clone(), cfg.seed, Some(p.clone()), rate);
    p.spawn_writer(app.store.clone());
    Ok(app)
}

/// Serves connections on `listener` until `shutdown` resolves; then flushes the state file.
pub async fn serve(
    app: Arc<App>,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    let app = app.clone();
                    tokio::spawn(async move {
                        let svc = service_fn(move |mut req: hyper::Request<_>| {
                            req.extensions_mut().insert(app::Peer(peer.ip()));
                            app::handle(app.clone(), req)
                        });
                        let _ = http1::Builder::new()
                            .timer(TokioTimer::new())
                            .header_read_timeout(Duration::from_secs(20))
                            .max_buf_size(256 * 1024)
                            .half_close(true)
                            .serve_connection(TokioIo::new(stream), svc)
                            .await;
                    });
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    eprintln!("cf-orgs-emulator: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            _ = &mut shutdown => break,
        }
    }
    flush(&app).await;
}

/// Waits (a bounded time) until every acknowledged-or-pending mutation is on disk.
pub async fn flush(app: &App) {
    if app.persist.is_some() {
        let generation = app.read().generation;
        let _ = tokio::time::timeout(Duration::from_secs(10), app.commit(generation)).await;
    }
}

pub fn display_host(host: &str, addr: &SocketAddr) -> String {
    match host {
        "0.0.0.0" | "" => "127.0.0.1".to_owned(),
        "::" | "[::]" => "[::1]".to_owned(),
        _ if addr.is_ipv6() && !host.starts_with('[') && host.contains(':') => format!("[{host}]"),
        _ => host.to_owned(),
    }
}

pub fn banner(cfg: &Config, addr: &SocketAddr) -> String {
    let host = display_host(&cfg.host, addr);
    let base = format!("http://{host}:{}", addr.port());
    let c = &cfg.creds;
    let state = match &cfg.state {
        Some(p) => format!("persisted to {}", p.display()),
        None => "in memory".to_owned(),
    };
    let rate = match cfg.rate_limit {
        Some(n) => format!("{n} requests per {} s", cfg.rate_window_secs),
        None => "off".to_owned(),
    };
    format!(
        "Organizations API emulator listening on {base}/client/v4\n\
         \x20 seed: {seed}; state: {state}; rate limit: {rate}\n\
         \x20 credentials (any scheme works on every operation):\n\
         \x20   Authorization: Bearer {token}\n\
         \x20   X-Auth-Email: {email}  +  X-Auth-Key: {key}\n\
         \x20   X-Auth-User-Service-Key: {service}\n\
         \x20 admin: {base}/__emulator/ (requests, faults, reset, state, accounts, rate-limit)\n\
         \x20 faults: send a cf-emulator-fault header, e.g. `cf-emulator-fault: status=503; retry-after=1`\n\
         \x20 try: curl -H 'Authorization: Bearer {token}' {base}/client/v4/organizations\n\
         READY {base}/client/v4\n",
        seed = cfg.seed.name(),
        token = c.token,
        email = c.email,
        key = c.key,
        service = c.service_key,
    )
}

/// Binds, prints the banner (flushed) and serves until SIGINT/SIGTERM.
pub async fn run(cfg: Config) -> Result<(), String> {
    let app = build(&cfg)?;
    // Register the signal handlers before announcing READY, so a signal sent right after it
    // still stops the emulator cleanly.
    let shutdown = shutdown_signal()?;
    let listener = TcpListener::bind((cfg.host.as_str(), cfg.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", cfg.host, cfg.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(banner(&cfg, &addr).as_bytes());
        let _ = out.flush();
    }
    serve(app, listener, shutdown).await;
    println!("Organizations API emulator stopped");
    Ok(())
}

#[cfg(unix)]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut int =
        signal(SignalKind::interrupt()).map_err(|e| format!("cannot handle SIGINT: {e}"))?;
    let mut term =
        signal(SignalKind::terminate()).map_err(|e| format!("cannot handle SIGTERM: {e}"))?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
