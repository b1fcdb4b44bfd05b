//! Evaluation of nazir on the shared data set (placeholder).
