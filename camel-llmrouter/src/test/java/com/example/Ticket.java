package com.example;

/** The record README.md's route reads a support ticket's classification into. */
public record Ticket(String label, String priority, String summary) {
}
