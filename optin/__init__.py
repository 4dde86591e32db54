"""Double opt-in by email, shared by the blog's subscribers and the proposals' followers."""
