// `iterate()` and `iterateAccounts()` return an AsyncIterable; wasm-bindgen cannot define
// `Symbol.asyncIterator`, so this wraps the Rust cursor, which hands out one page at a time.

/** Called from Rust with a cursor whose `nextPage()` resolves to an array, or undefined at the end. */
export function asyncIterable(cursor) {
  let page = [];
  let index = 0;
  let finished = false;
  let queue = Promise.resolve();
  const finish = () => {
    if (!finished) {
      finished = true;
      cursor.free();
    }
    return { done: true, value: undefined };
  };
  const step = async () => {
    while (index >= page.length) {
      if (finished) return { done: true, value: undefined };
      let next;
      try {
        next = await cursor.nextPage();
      } catch (error) {
        finish();
        throw error;
      }
      if (next === undefined) return finish();
      page = next;
      index = 0;
    }
    return { done: false, value: page[index++] };
  };
  return {
    // Calls are queued so that overlapping next() calls never fetch the same page twice.
    next() {
      const result = queue.then(step);
      queue = result.catch(() => {});
      return result;
    },
    return() {
      queue = queue.then(finish);
      return queue;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
