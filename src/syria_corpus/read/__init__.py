"""Reading: files, tables and HTML pages to documents, and a scraped page to its article and furniture."""
