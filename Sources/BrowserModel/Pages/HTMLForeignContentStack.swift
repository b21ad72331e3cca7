// Hand-written next to HTMLPage's tokenizer, which it serves: the open elements of `<svg>` and `<math>` content,
// indexed so that an end tag finds the element it closes in constant time. A linear search down the stack made a
// page of many open foreign elements followed by many unmatched end tags take quadratic time.

extension HTMLPage.Parser {
    /// The stack of open foreign elements (and HTML integration points inside them), innermost last.
    struct ForeignContentStack {
        /// The open elements, outermost first.
        private(set) var elements: [OpenElement] = []
        /// For each element name, the indices in ``elements`` where it is open, ascending.
        private var indicesByName: [String: [Int]] = [:]
        /// The indices of the open HTML integration points, ascending.
        private var integrationPointIndices: [Int] = []
        /// The indices of the open `<svg>` and `<math>` elements opened from HTML content, ascending.
        private var rootIndices: [Int] = []

        /// The innermost open element.
        var last: OpenElement? { elements.last }

        /// Whether no foreign element is open.
        var isEmpty: Bool { elements.isEmpty }

        /// Opens `element`.
        mutating func append(_ element: OpenElement) {
            let index = elements.count
            elements.append(element)
            indicesByName[element.name, default: []].append(index)
            if element.isIntegrationPoint { integrationPointIndices.append(index) }
            if element.isRoot { rootIndices.append(index) }
        }

        /// Closes the innermost element.
        mutating func removeLast() {
            guard let element = elements.popLast() else { return }
            let index = elements.count
            indicesByName[element.name]?.removeLast()
            if indicesByName[element.name]?.isEmpty == true { indicesByName[element.name] = nil }
            if integrationPointIndices.last == index { integrationPointIndices.removeLast() }
            if rootIndices.last == index { rootIndices.removeLast() }
        }

        /// Closes the element at `index` and every element inside it.
        mutating func removeElements(from index: Int) {
            while elements.count > index { removeLast() }
        }

        /// The index of the element an end tag named `name` closes: the innermost open element of that name, looking
        /// down no further than the innermost HTML integration point (excluded) or root `<svg>`/`<math>` (included),
        /// as the tree builder's "any other end tag" steps in foreign content do; `nil` when there is none.
        func indexClosed(byEndTagNamed name: String) -> Int? {
            guard let index = indicesByName[name]?.last else { return nil }
            if let integrationPoint = integrationPointIndices.last, index <= integrationPoint { return nil }
            if let root = rootIndices.last, index < root { return nil }
            return index
        }
    }
}
