package com.example;

import java.math.BigDecimal;

/** The record of the escalation recipe in docs/routing-and-cost.md. */
public record Invoice(String number, String supplier, BigDecimal total, String currency) {
}
