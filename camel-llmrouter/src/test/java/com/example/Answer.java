package com.example;

import java.util.List;

// The structured answer of the web-search recipe in docs/routing-and-cost.md.
// doc: docs/routing-and-cost.md
public record Answer(String summary, List<String> facts) { }
// end doc
