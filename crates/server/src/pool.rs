//! A small pool of store connections for request handlers.
//!
//! A SQLite connection is not shareable between threads, and opening one
//! per request costs a schema check; WAL lets several readers run at once.
//! The pool hands out connections to blocking tasks and takes them back.
//! It is a mutex around a vector because that is all it needs to be: the
//! general pools (r2d2, deadpool) add health checks and timeouts a local
//! file does not need, and pin a rusqlite version.

use std::path::Path;
use std::sync::Mutex;

use storyline_store::Store;

use crate::Error;

/// Store connections for readers.
#[derive(Debug)]
pub(crate) struct Pool {
    idle: Mutex<Vec<Store>>,
    path: std::path::PathBuf,
    size: usize,
}

impl Pool {
    /// Opens one connection (creating and migrating the store) and keeps
    /// room for `size`.
    pub(crate) fn open(path: &Path, size: usize) -> Result<Pool, Error> {
        let first = Store::open(path)?;
        let mut idle = Vec::with_capacity(size);
        idle.push(first);
        Ok(Pool {
            idle: Mutex::new(idle),
            path: path.to_owned(),
            size,
        })
    }

    fn take(&self) -> Result<Store, Error> {
        let popped = self.idle.lock().map_err(|_| Error::Task)?.pop();
        match popped {
            Some(store) => Ok(store),
            None => Ok(Store::open(&self.path)?),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.size
        {
            idle.push(store);
        }
    }

    /// Runs `f` with a connection on the blocking thread pool.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, Error> + Send + 'static,
    {
        let mut store = self.take()?;
        let (store, result) = tokio::task::spawn_blocking(move || {
            let result = f(&mut store);
            (store, result)
        })
        .await
        .map_err(|_| Error::Task)?;
        self.give_back(store);
        result
    }
}
