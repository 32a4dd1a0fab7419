"""The staff web page: server-rendered HTML in Chinese, plain forms, no scripts."""
