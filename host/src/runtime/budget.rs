//! The memory budget of one plugin, kept by the store: the bytes of all its
//! linear memories together and the elements of all its tables together,
//! besides how many instances, memories and tables it may create. A
//! component of many memories cannot multiply the cap; a denied growth is
//! remembered so that the trap it causes is named "memory limit".

use wasmtime::ResourceLimiter;

/// What one plugin may hold, and what it holds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemoryBudget {
    /// Bytes of all linear memories together.
    pub memory_bytes: usize,
    /// Elements of all tables together.
    pub table_elements: usize,
    /// Core instances.
    pub instances: usize,
    /// Linear memories.
    pub memories: usize,
    /// Tables.
    pub tables: usize,
    memory_used: usize,
    table_used: usize,
    /// A growth was refused.
    pub denied: bool,
}

impl MemoryBudget {
    /// A budget with nothing used yet.
    pub(crate) fn new(
        memory_bytes: usize,
        table_elements: usize,
        instances: usize,
        memories: usize,
        tables: usize,
    ) -> MemoryBudget {
        MemoryBudget {
            memory_bytes,
            table_elements,
            instances,
            memories,
            tables,
            memory_used: 0,
            table_used: 0,
            denied: false,
        }
    }

    /// Takes `current -> desired` out of `used` within `cap`.
    fn grow(used: &mut usize, cap: usize, current: usize, desired: usize) -> bool {
        let more = desired.saturating_sub(current);
        match used.checked_add(more) {
            Some(total) if total <= cap => {
                *used = total;
                true
            }
            _ => false,
        }
    }
}

impl ResourceLimiter for MemoryBudget {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let allowed = Self::grow(&mut self.memory_used, self.memory_bytes, current, desired);
        self.denied |= !allowed;
        Ok(allowed)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let allowed = Self::grow(&mut self.table_used, self.table_elements, current, desired);
        self.denied |= !allowed;
        Ok(allowed)
    }

    fn instances(&self) -> usize {
        self.instances
    }

    fn tables(&self) -> usize {
        self.tables
    }

    fn memories(&self) -> usize {
        self.memories
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_is_counted_across_memories() {
        let mut used = 0;
        assert!(MemoryBudget::grow(&mut used, 100, 0, 60));
        assert!(
            !MemoryBudget::grow(&mut used, 100, 0, 60),
            "a second memory shares the cap"
        );
        assert!(MemoryBudget::grow(&mut used, 100, 60, 100));
        assert_eq!(used, 100);
        assert!(!MemoryBudget::grow(&mut used, usize::MAX, 0, usize::MAX));
    }
}
