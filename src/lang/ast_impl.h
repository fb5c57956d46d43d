/* ast_impl.h - what the tree's builders share (ast.c, ast_test.c). */
#ifndef KP_AST_IMPL_H
#define KP_AST_IMPL_H

/* Appends node to a list and returns the list's head. */
#define APPEND(type, list, node)                                                                                       \
    do {                                                                                                               \
        if (!(list)) return (node);                                                                                    \
        type *t_ = (list);                                                                                             \
        while (t_->next)                                                                                               \
            t_ = t_->next;                                                                                             \
        t_->next = (node);                                                                                             \
        return (list);                                                                                                 \
    } while (0)

#endif
