"""Reading submitted reports (DOCX, PDF) into one document model, safely (issue 4)."""
