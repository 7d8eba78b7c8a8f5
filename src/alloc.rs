//! The global allocator: talc, with a free list per small size class in front of it.
//!
//! Most of the binding's allocations are small and live for one call (its strings, the boxed
//! futures, their wakers). talc's general path (bins, gap bookkeeping, coalescing on free) took
//! ~440 instructions per allocation and its free, a third of the wasm's own instructions in a get
//! (bench/RESULTS.md, issue 15). A freed small block is kept on its class's list and handed
//! out again by the next allocation of that class: a pop and a push. Blocks on the lists are not
//! given back to talc, so the lists hold at most what was live at the peak, class by class.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::ptr;

/// Blocks come in multiples of this, which is also their alignment.
const GRANULE: usize = 16;
/// Classes of 16, 32, ... 256 bytes; anything larger, or aligned wider, goes to `inner`.
const CLASSES: usize = 16;

/// `inner` behind one free list per class. Not for threads: the lists are plain cells.
pub struct SmallBlocks<A> {
    inner: A,
    heads: [Cell<*mut u8>; CLASSES],
}

// SAFETY: built only for wasm32 without threads (the global allocator) and for tests that use
// an instance from one thread.
unsafe impl<A: Sync> Sync for SmallBlocks<A> {}

impl<A> SmallBlocks<A> {
    pub const fn new(inner: A) -> SmallBlocks<A> {
        SmallBlocks {
            inner,
            heads: [const { Cell::new(ptr::null_mut()) }; CLASSES],
        }
    }
}

/// The class of a layout, or `None` when `inner` serves it. Inlined: called on every
/// allocation and free, it cost as much as the pop or push itself as a call.
#[inline(always)]
fn class_of(size: usize, align: usize) -> Option<usize> {
    // Not `bool::then`, which opt-level "z" leaves as a call of its own.
    if size <= CLASSES * GRANULE && align <= GRANULE {
        Some(size.max(1).div_ceil(GRANULE) - 1)
    } else {
        None
    }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for SmallBlocks<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout.size(), layout.align()) else {
            return self.inner.alloc(layout);
        };
        let head = &self.heads[class];
        let block = head.get();
        if block.is_null() {
            // SAFETY: a non-zero multiple of GRANULE, a power of two.
            let size = (class + 1) * GRANULE;
            return self
                .inner
                .alloc(Layout::from_size_align_unchecked(size, GRANULE));
        }
        // A free block holds the next one's address (it is at least 16 bytes, 16-aligned).
        head.set(block.cast::<*mut u8>().read());
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class_of(layout.size(), layout.align()) {
            Some(class) => {
                let head = &self.heads[class];
                block.cast::<*mut u8>().write(head.get());
                head.set(block);
            }
            None => self.inner.dealloc(block, layout),
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let from = class_of(layout.size(), layout.align());
        let to = class_of(new_size, layout.align());
        match (from, to) {
            (Some(from), Some(to)) if from == to => block,
            (None, None) => self.inner.realloc(block, layout, new_size),
            _ => {
                // Between a class and `inner`, or two classes: each side frees what it handed out.
                let moved = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                    self.dealloc(block, layout);
                }
                moved
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[wasm_bindgen_test]
    fn a_freed_block_serves_the_next_allocation_of_its_class_only() {
        let blocks = SmallBlocks::new(System);
        unsafe {
            let first = blocks.alloc(layout(20, 4));
            assert_eq!(first as usize % GRANULE, 0);
            blocks.dealloc(first, layout(20, 4));
            // 17..=32 bytes is one class; 33 is the next.
            let other_class = blocks.alloc(layout(33, 8));
            assert_ne!(other_class, first);
            let same_class = blocks.alloc(layout(32, 16));
            assert_eq!(same_class, first);
            blocks.dealloc(same_class, layout(32, 16));
            blocks.dealloc(other_class, layout(33, 8));
        }
    }

    #[wasm_bindgen_test]
    fn large_or_wide_aligned_layouts_go_to_the_inner_allocator() {
        assert_eq!(class_of(256, 16), Some(15));
        assert_eq!(class_of(257, 1), None);
        assert_eq!(class_of(8, 32), None);
        assert_eq!(class_of(0, 1), Some(0));
        let blocks = SmallBlocks::new(System);
        unsafe {
            let wide = blocks.alloc(layout(64, 64));
            assert_eq!(wide as usize % 64, 0);
            blocks.dealloc(wide, layout(64, 64));
        }
    }

    /// Blocks live at once never overlap, and realloc keeps the contents across classes and
    /// into and out of the inner allocator.
    #[wasm_bindgen_test]
    fn live_blocks_keep_their_bytes_through_reallocs_and_reuse() {
        let blocks = SmallBlocks::new(System);
        let mut live: Vec<(*mut u8, usize, u8)> = Vec::new();
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 8) as usize
        };
        let fill =
            |block: *mut u8, size: usize, tag: u8| unsafe { ptr::write_bytes(block, tag, size) };
        let holds = |block: *mut u8, size: usize, tag: u8| unsafe {
            std::slice::from_raw_parts(block, size)
                .iter()
                .all(|&b| b == tag)
        };
        for round in 0..2000u32 {
            let tag = (round % 251) as u8;
            let op = next() % 4;
            if live.is_empty() || (op < 2 && live.len() < 64) {
                let size = next() % 400 + 1;
                let block = unsafe { blocks.alloc(layout(size, 8)) };
                fill(block, size, tag);
                live.push((block, size, tag));
            } else if op == 2 {
                let (block, size, old_tag) = live.swap_remove(next() % live.len());
                let new_size = next() % 400 + 1;
                let moved = unsafe { blocks.realloc(block, layout(size, 8), new_size) };
                let kept = holds(moved, size.min(new_size), old_tag);
                assert!(kept, "realloc {size} -> {new_size} lost bytes");
                fill(moved, new_size, tag);
                live.push((moved, new_size, tag));
            } else {
                let (block, size, tag) = live.swap_remove(next() % live.len());
                assert!(
                    holds(block, size, tag),
                    "a block of {size} bytes was overwritten"
                );
                unsafe { blocks.dealloc(block, layout(size, 8)) };
            }
        }
        for (block, size, tag) in live {
            assert!(holds(block, size, tag));
            unsafe { blocks.dealloc(block, layout(size, 8)) };
        }
    }
}
