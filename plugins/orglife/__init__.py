"""组织生活 plugin: democratic and organisational life meetings done properly; committee terms (换届)."""
