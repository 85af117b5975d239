"""Publishing: ClaimReview, pages, feeds, bulletins, exports."""
