"""Policy sections into retrieval chunks, split by token count and never mid-sentence."""

from __future__ import annotations

from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.pack.models import Section
from assistant.retrieval.tokenizer import count_tokens


def chunk_sections(sections: list[Section], max_tokens: int, overlap: int) -> list[Document]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=max_tokens,
        chunk_overlap=overlap,
        length_function=count_tokens,
        separators=["\n\n", "\n", ". ", "; ", ", ", " "],
        keep_separator="end",
    )
    docs: list[Document] = []
    for section in sections:
        # The heading travels with each chunk: it carries much of the meaning of short sections.
        pieces = splitter.split_text(section.text) or [section.title]
        for i, piece in enumerate(pieces):
            docs.append(
                Document(
                    page_content=f"{section.title}\n{piece.strip()}",
                    id=f"{section.section_id}::{i}",
                    metadata={
                        "section_id": section.section_id,
                        "doc_id": section.doc_id,
                        "title": section.title,
                        "chunk": i,
                    },
                )
            )
    return docs
