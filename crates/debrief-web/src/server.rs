//! Accepting connections: the one place that sees sockets.
//!
//! `axum::serve` reads forever from a client that never finishes its request, and accepts
//! until the process runs out of file descriptors, at which point even `/healthz` stops
//! answering. Here every connection is bounded instead:
//!
//! - its request headers must arrive within [`HEADER_READ_TIMEOUT`] (counted from the first
//!   poll, so a client trickling one byte at a time is cut off too; an idle keep-alive
//!   connection waiting for its next request is held to the same limit);
//! - a request body must arrive within [`BODY_READ_TIMEOUT`] (a 408 page if it does not);
//! - a connection on which no byte moves either way for [`STALL_TIMEOUT`] is closed (a client
//!   that stops mid-body, or never reads the answer), except while a request on it is being
//!   handled, however long that takes;
//! - at most [`Limits::max_connections`] are open at once: one more is answered at once with
//!   a 503 and closed, so the server keeps answering the ones it has.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// How long a client has to send all of a request's headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a client has to send a request's whole body, once its headers are in.
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a connection may go with no byte read or written before it is closed.
pub const STALL_TIMEOUT: Duration = Duration::from_secs(20);
/// Connections open at once unless `--max-connections` says otherwise.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 512;
/// How long requests in flight get to finish after the server is told to stop.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// The answer to a connection over the cap: written straight to the socket, since the point
/// is to spend nothing on it.
const BUSY: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n\
retry-after: 5\r\nconnection: close\r\ncontent-length: 53\r\n\r\n\
The server is busy. Try again in a few seconds, please.";

/// Bounds on the connections one server holds. The defaults are what `debrief serve` uses;
/// tests shorten the timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once (`debrief serve --max-connections`). Keep it well below the
    /// process's file limit, which the store and logs need too.
    pub max_connections: usize,
    /// See [`HEADER_READ_TIMEOUT`].
    pub header_read_timeout: Duration,
    /// See [`BODY_READ_TIMEOUT`].
    pub body_read_timeout: Duration,
    /// See [`STALL_TIMEOUT`].
    pub stall_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: DEFAULT_MAX_CONNECTIONS as usize,
            header_read_timeout: HEADER_READ_TIMEOUT,
            body_read_timeout: BODY_READ_TIMEOUT,
            stall_timeout: STALL_TIMEOUT,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then gives requests in flight a
/// few seconds to finish. Each request carries its peer's address as `ConnectInfo`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let app = app.layer(tower_http::timeout::RequestBodyDeadlineLayer::new(
        limits.body_read_timeout,
    ));
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(error) => {
                    // Out of descriptors or a connection reset before it was accepted: wait a
                    // moment rather than spin, and keep serving the connections already open.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let app = app.clone();
        // Requests being handled on this connection: while one is, the client is waiting on
        // the server, not stalling, so the stall timer does not run.
        let busy = Arc::new(AtomicUsize::new(0));
        let handling = Arc::clone(&busy);
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let guard = Busy::enter(&handling);
            let answer = app.clone().oneshot(request);
            async move {
                let response = answer.await;
                drop(guard);
                response
            }
        });
        let connection = builder.serve_connection(
            TokioIo::new(Watched::new(stream, limits.stall_timeout, busy)),
            service,
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after {DRAIN_TIMEOUT:?}; stopping anyway");
    }
    Ok(())
}

/// Answers a connection over the cap with a 503 and closes it, giving up quickly if the
/// client does not take the answer.
async fn refuse(mut stream: TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        stream.write_all(BUSY).await?;
        stream.shutdown().await
    })
    .await;
}

/// Counts a request as being handled until dropped (also when the client goes away and the
/// handler's future is dropped unfinished).
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn enter(count: &Arc<AtomicUsize>) -> Busy {
        count.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(count))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A stream that fails with `TimedOut` when it has moved no byte either way for its stall
/// timeout while someone waits on it, unless a request on it is being handled.
struct Watched {
    inner: TcpStream,
    stall: Duration,
    deadline: Pin<Box<Sleep>>,
    busy: Arc<AtomicUsize>,
}

impl Watched {
    fn new(inner: TcpStream, stall: Duration, busy: Arc<AtomicUsize>) -> Watched {
        Watched {
            inner,
            stall,
            deadline: Box::pin(tokio::time::sleep(stall)),
            busy,
        }
    }

    fn moved(&mut self) {
        let next = Instant::now() + self.stall;
        self.deadline.as_mut().reset(next);
    }

    /// After the inner stream said pending: an error when the deadline has passed (the
    /// deadline's waker is registered either way).
    fn stalled(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        if self.busy.load(Ordering::SeqCst) > 0 {
            // The server is working on an answer: the clock starts again once it is sent.
            self.moved();
            return Poll::Pending;
        }
        ready!(self.deadline.as_mut().poll(cx));
        Poll::Ready(io::Error::new(
            io::ErrorKind::TimedOut,
            "no data moved on the connection",
        ))
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.stalled(cx).map(Err),
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, data) {
            Poll::Ready(result) => {
                if matches!(result, Ok(n) if n > 0) {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.stalled(cx).map(Err),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, data) {
            Poll::Ready(result) => {
                if matches!(result, Ok(n) if n > 0) {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.stalled(cx).map(Err),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    /// A handler slower than the stall timeout still gets its answer out: the stall is about a
    /// client that stops, not a server that thinks.
    #[tokio::test]
    async fn a_slow_handler_is_not_taken_for_a_stalled_client() {
        let app = Router::new().route(
            "/slow",
            axum::routing::get(|| async {
                tokio::time::sleep(Duration::from_millis(1500)).await;
                "done"
            }),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let limits = Limits {
            stall_timeout: Duration::from_millis(500),
            ..Limits::default()
        };
        tokio::spawn(serve(listener, app, limits, std::future::pending()));
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"GET /slow HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n")
            .await
            .expect("write");
        let mut answer = String::new();
        let _ =
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut answer)).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
        assert!(answer.ends_with("done"), "{answer:?}");
    }
}
