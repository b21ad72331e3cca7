import BrowserModel

/// `webNavigation.getFrame` and `getAllFrames` as each browser answers them (recorded:
/// webnavigation-events): Chromium answers `null` for a tab or frame it does not know, Firefox
/// refuses; and the URL filters of the namespace's events (js/38_api.js):
///
/// - `events.checkURLFilters [filtersJSON]`: refuses a list of `events.UrlFilter` whose member
///   cannot be used (a regular expression that does not compile).
/// - `events.matchesURLFilters [filtersJSON, url]`: whether one of the filters matches `url`.
enum WebNavigationAPI {
    static func register(in api: ExtensionAPI) {
        api.define("webNavigation.getFrame", contexts: [.background, .page, .driver]) { host, request in
            let details = request.argument(0) ?? .object([])
            let chrome = host.options.flavor == .chrome
            var tabID = details["tabId"]?.intValue
            var frameID = details["frameId"]?.intValue
            if chrome, let documentID = details["documentId"]?.stringValue {
                guard documentID.utf8.count == 32, documentID.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return request.fail("Invalid documentId.") }
                guard let (tab, frame) = host.frame(showing: documentID), tab.frame(frame.id)?.documentID == documentID else { return request.respond(.null) }
                if (tabID.map { $0 != tab.id } ?? false) || (frameID.map { $0 != frame.id } ?? false) { return request.respond(.null) }
                tabID = tab.id
                frameID = frame.id
            }
            guard let tabID, let frameID else { return request.fail("Either documentId or both tabId and frameId must be specified.") }
            // (Chromium tells of no frame showing an extension's page: FrameNavigationState::IsValidUrl.)
            guard let tab = host.browser.tab(tabID) else {
                return chrome ? request.respond(.null) : request.fail("Invalid tab ID: \(tabID)")
            }
            guard let frame = tab.frame(frameID), !chrome || host.isNavigationURLTold(frame.url) else {
                return chrome ? request.respond(.null) : request.fail("No frame found with frameId: \(frameID)")
            }
            request.respond(frameDetails(frame, in: tab, host: host, listed: false))
        }
        api.define("webNavigation.getAllFrames", contexts: [.background, .page, .driver]) { host, request in
            let tabID = request.argument(0)?["tabId"]?.intValue ?? -1
            guard let tab = host.browser.tab(tabID) else {
                return host.options.flavor == .chrome ? request.respond(.null) : request.fail("Invalid tab ID: \(tabID)")
            }
            let frames = tab.frames.filter { host.options.flavor == .firefox || host.isNavigationURLTold($0.url) }
            request.respond(.array(frames.map { frameDetails($0, in: tab, host: host, listed: true) }))
        }
        api.defineSync("events.checkURLFilters", contexts: [.background, .page, .driver]) { host, arguments, _ in
            switch host.urlFilters(arguments[0]?.stringValue ?? "") {
            case .success: .success(.json("true"))
            case .failure(let problem): .failure(APIError(message: problem.message))
            }
        }
        api.defineSync("events.matchesURLFilters", contexts: [.background, .page, .driver]) { host, arguments, _ in
            guard case .success(let list) = host.urlFilters(arguments[0]?.stringValue ?? ""), let url = arguments[1]?.stringValue.flatMap({ WebURL(string: $0) })
            else { return .success(.json("false")) }
            return .success(.json(list.contains { $0.matches(url) } ? "true" : "false"))
        }
    }

    /// A frame as `getFrame` (`listed`: `getAllFrames`, with its id, and Chromium's process)
    /// gives it.
    private static func frameDetails(_ frame: Frame, in tab: Tab, host: ExtensionHost, listed: Bool) -> JSONValue {
        let parentDocument = tab.frame(frame.parentID)?.documentID
        switch host.options.flavor {
        case .chrome:
            var fields: [(String, JSONValue)] = [
                ("documentId", .string(frame.documentID)), ("documentLifecycle", .string("active")), ("errorOccurred", .bool(false)),
                ("frameType", .string(frame.isTop ? "outermost_frame" : "sub_frame")), ("parentFrameId", .int(frame.parentID)),
                ("url", .string(frame.url)),
            ]
            if let parentDocument, !frame.isTop { fields.append(("parentDocumentId", .string(parentDocument))) }
            if listed { fields += [("frameId", .int(frame.id)), ("processId", .int(host.rendererProcessID(for: frame.url)))] }
            fields.sort { $0.0 < $1.0 }
            return .object(fields)
        case .firefox:
            // (Firefox names the parent's document even for the top frame: undefined there.)
            return .object([
                ("url", .string(frame.url)), ("frameId", .int(frame.id)), ("parentFrameId", .int(frame.parentID)), ("tabId", .int(tab.id)),
                ("documentId", .string(frame.documentID)),
                ("parentDocumentId", frame.isTop ? .undefined : parentDocument.map(JSONValue.string) ?? .undefined),
            ])
        }
    }

    /// The `events.UrlFilter` list in `text` (JSON, checked by the schema already), read by
    /// `flavor`'s rules.
    static func filters(_ text: String, flavor: Flavor) -> Result<[URLFilter], URLFilter.Problem> {
        guard case .array(let items)? = JSONValue.parse(text) else { return .failure(URLFilter.Problem(message: "The URL filters are not a list.")) }
        do {
            return .success(try items.map { item in
                guard case .object(let members) = item else { throw URLFilter.Problem(message: "A URL filter is not an object.") }
                return try URLFilter(flavor: flavor, members: members.compactMap { key, value -> (String, URLFilter.Value)? in
                    switch value {
                    case .string(let text): return (key, .string(text))
                    case .array(let list) where key == "schemes": return (key, .strings(list.compactMap(\.stringValue)))
                    case .array(let list) where key == "ports":
                        return (key, .ports(list.compactMap { port in
                            if let single = port.intValue { return single...single }
                            guard case .array(let bounds) = port, bounds.count == 2, let low = bounds[0].intValue, let high = bounds[1].intValue,
                                  low <= high else { return nil }
                            return low...high
                        }))
                    default: return nil
                    }
                })
            })
        } catch let problem as URLFilter.Problem {
            return .failure(problem)
        } catch {
            return .failure(URLFilter.Problem(message: "\(error)"))
        }
    }
}

extension ExtensionHost {
    /// The URL filters in `text`, read once for the run (each event asks of them again).
    func urlFilters(_ text: String) -> Result<[URLFilter], URLFilter.Problem> {
        if let known = urlFilterCache[text] { return known }
        let read = WebNavigationAPI.filters(text, flavor: options.flavor)
        if urlFilterCache.count > 1000 { urlFilterCache.removeAll() }
        urlFilterCache[text] = read
        return read
    }

    /// Whether Chromium tells of a frame at `url` (FrameNavigationState::IsValidUrl): web pages,
    /// `file:`, `ftp:`, `chrome:`, `data:`, `javascript:`, `filesystem:`, about:blank and
    /// about:srcdoc; not an extension's own pages.
    func isNavigationURLTold(_ url: String) -> Bool {
        guard options.flavor == .chrome else { return true }
        if url == "about:blank" || url == "about:srcdoc" { return true }
        guard let scheme = WebURL(string: url)?.scheme else { return false }
        return ["http", "https", "file", "ftp", "chrome", "data", "javascript", "filesystem"].contains(scheme)
    }
}
