//! Clients that never finish: half-sent headers, stalled and trickled bodies, idle keep-alive
//! connections, and more connections than the server holds. Each is driven over a raw socket,
//! as an attacker would, and the server must close it in time and keep answering others.

use std::time::{Duration, Instant};

use debrief_web::{Auth, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{Data, Server};

/// Limits short enough for a test to wait them out.
fn short() -> Limits {
    Limits {
        header_read_timeout: Duration::from_millis(800),
        body_read_timeout: Duration::from_millis(1500),
        stall_timeout: Duration::from_millis(1000),
        ..Limits::default()
    }
}

async fn connect(server: &Server) -> TcpStream {
    let addr = server.base.trim_start_matches("http://");
    TcpStream::connect(addr).await.expect("connect")
}

/// Reads until the server closes the connection (or resets it), giving up after `within`.
/// Returns what was read and how long the close took.
async fn until_closed(stream: &mut TcpStream, within: Duration) -> (String, Duration) {
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = within.saturating_sub(start.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => panic!(
                "still open after {within:?}; read so far: {}",
                String::from_utf8_lossy(&got)
            ),
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
    (String::from_utf8_lossy(&got).into_owned(), start.elapsed())
}

/// A whole `GET /healthz` on a fresh connection: the status line.
async fn health(server: &Server) -> String {
    let mut stream = connect(server).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n")
        .await
        .expect("write");
    let (answer, _) = until_closed(&mut stream, Duration::from_secs(10)).await;
    answer.lines().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_half_sent_request_is_closed_within_30_seconds_with_the_default_limits() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let mut stream = connect(&server).await;
    stream
        .write_all(b"GET /stories HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ")
        .await
        .expect("write");
    // Meanwhile the server answers everyone else.
    assert!(health(&server).await.contains("200"));
    let (_, took) = until_closed(&mut stream, Duration::from_secs(30)).await;
    assert!(
        took >= Duration::from_secs(10),
        "closed too early: {took:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn headers_trickled_a_byte_at_a_time_are_cut_off_at_the_header_timeout() {
    let data = Data::new();
    let server = Server::with_limits(&data, Auth::local(), short()).await;
    let mut stream = connect(&server).await;
    let request = b"GET /stories HTTP/1.1\r\nhost: 127.0.0.1\r\nx-padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let start = Instant::now();
    for byte in request {
        // Each byte well inside the stall timeout, so only the header deadline can stop it.
        if stream.write_all(&[*byte]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        if start.elapsed() > Duration::from_secs(5) {
            break;
        }
    }
    let (answer, _) = until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert!(!answer.contains("200 OK"), "{answer}");
    server.stop().await;
}

#[tokio::test]
async fn a_body_that_stops_halfway_is_closed_and_saves_nothing() {
    let data = Data::new();
    let server = Server::with_limits(&data, Auth::local(), short()).await;
    let mut stream = connect(&server).await;
    stream
        .write_all(
            b"POST /stories HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 5000\r\n\r\ntitle=half",
        )
        .await
        .expect("write");
    let (_, took) = until_closed(&mut stream, Duration::from_secs(6)).await;
    assert!(took < Duration::from_secs(5), "{took:?}");
    let user = server.store.local_user().await.expect("user");
    let stories = server.store.stories(user.id).await.expect("stories");
    assert!(stories.is_empty());
    server.stop().await;
}

#[tokio::test]
async fn a_body_trickled_slower_than_the_body_timeout_is_cut_off() {
    let data = Data::new();
    let server = Server::with_limits(&data, Auth::local(), short()).await;
    let stream = connect(&server).await;
    let (mut reader, mut writer) = stream.into_split();
    writer
        .write_all(
            b"POST /practice/report HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 400\r\n\r\n",
        )
        .await
        .expect("write");
    let start = Instant::now();
    tokio::spawn(async move {
        for _ in 0..400 {
            // Inside the stall timeout each time, so only the body deadline can stop it.
            if writer.write_all(b"a").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    });
    let mut first = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(5), reader.read(&mut first))
        .await
        .expect("an answer or a close before the body was half in");
    let took = start.elapsed();
    assert!(took < Duration::from_secs(4), "{took:?}");
    if let Ok(n) = read {
        let answer = String::from_utf8_lossy(&first[..n]).into_owned();
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
    server.stop().await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let data = Data::new();
    let server = Server::with_limits(&data, Auth::local(), short()).await;
    let mut stream = connect(&server).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n")
        .await
        .expect("write");
    let (answer, took) = until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    server.stop().await;
}

#[tokio::test]
async fn connections_over_the_cap_get_a_503_and_the_server_recovers() {
    let data = Data::new();
    let limits = Limits {
        max_connections: 3,
        // Long enough that the held connections stay open while the test looks.
        header_read_timeout: Duration::from_secs(20),
        stall_timeout: Duration::from_secs(20),
        ..Limits::default()
    };
    let server = Server::with_limits(&data, Auth::local(), limits).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut stream = connect(&server).await;
        stream
            .write_all(b"GET / HTTP/1.1\r\n")
            .await
            .expect("write");
        held.push(stream);
    }
    // The accept loop takes them in order; give it a moment to count all three.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut extra = connect(&server).await;
    let (answer, _) = until_closed(&mut extra, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 5"),
        "{answer}"
    );
    assert!(answer.contains("The server is busy"), "{answer}");
    drop(held);
    // Once they are gone, the server answers again.
    let mut status = String::new();
    for _ in 0..50 {
        status = health(&server).await;
        if status.contains("200") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(status.contains("200"), "{status}");
    server.stop().await;
}
