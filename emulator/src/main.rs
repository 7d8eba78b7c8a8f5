//! `cf-orgs-emulator [--host 127.0.0.1] [--port N] [--seed demo|empty] [--state FILE]
//!  [--rate-limit N] [--rate-window-secs S]`

use std::path::PathBuf;
use std::process::ExitCode;

use cf_orgs_emulator::app::Credentials;
use cf_orgs_emulator::seed::Seed;
use cf_orgs_emulator::server::{self, Config};

const USAGE: &str = "\
Usage: cf-orgs-emulator [options]

A local emulator of Cloudflare's Organizations API (base path /client/v4).

Options:
  --host HOST              address to listen on (default 127.0.0.1)
  --port N                 port (default: $PORT, else 8787; 0 picks a free port)
  --seed demo|empty        initial data (default demo); ignored when --state FILE exists
  --state FILE             persist the state to FILE (loaded at start if present)
  --rate-limit N           answer 429 past N requests per window (default: off)
  --rate-window-secs S     the rate-limit window (default 300)
  -h, --help               this help

Credentials come from EMULATOR_TOKEN, EMULATOR_EMAIL, EMULATOR_KEY and EMULATOR_SERVICE_KEY
(defaults dev-token, dev@example.com, dev-api-key, dev-service-key). See emulator/README.md.
";

fn parse_args() -> Result<Config, String> {
    let mut cfg = Config {
        host: "127.0.0.1".to_owned(),
        port: match std::env::var("PORT") {
            Ok(p) if !p.trim().is_empty() => p
                .trim()
                .parse()
                .map_err(|_| format!("PORT must be a port number, got {p:?}"))?,
            _ => 8787,
        },
        seed: Seed::Demo,
        state: None,
        rate_limit: None,
        rate_window_secs: 300,
        creds: Credentials::from_env(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            print!("{USAGE}");
            std::process::exit(0);
        }
        let mut value = || -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => args.next().ok_or_else(|| format!("{flag} needs a value")),
            }
        };
        match flag.as_str() {
            "--host" => cfg.host = value()?,
            "--port" => {
                let v = value()?;
                cfg.port = v
                    .parse()
                    .map_err(|_| format!("--port must be 0..65535, got {v:?}"))?;
            }
            "--seed" => {
                let v = value()?;
                cfg.seed = Seed::parse(&v)
                    .ok_or_else(|| format!("--seed must be demo or empty, got {v:?}"))?;
            }
            "--state" => cfg.state = Some(PathBuf::from(value()?)),
            "--rate-limit" => {
                let v = value()?;
                cfg.rate_limit = Some(v.parse().map_err(|_| {
                    format!("--rate-limit must be a non-negative integer, got {v:?}")
                })?);
            }
            "--rate-window-secs" => {
                let v = value()?;
                let n: u64 = v.parse().map_err(|_| {
                    format!("--rate-window-secs must be a positive integer, got {v:?}")
                })?;
                if n == 0 {
                    return Err("--rate-window-secs must be at least 1".into());
                }
                cfg.rate_window_secs = n;
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    Ok(cfg)
}

fn main() -> ExitCode {
    let cfg = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cf-orgs-emulator: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cf-orgs-emulator: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(server::run(cfg));
    // Do not wait for open keep-alive connections.
    rt.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cf-orgs-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
