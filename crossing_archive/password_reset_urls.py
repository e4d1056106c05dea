"""
A curator's password reset by email, in the admin's look (Django's auth views with
the admin's registration templates). crossing_archive/urls.py includes these only
when email is configured: the admin's login page shows "Forgotten your password?"
exactly when `admin_password_reset` resolves.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

ADMIN_LOOK = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}

urlpatterns = [
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(extra_context=ADMIN_LOOK),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(extra_context=ADMIN_LOOK),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=ADMIN_LOOK),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=ADMIN_LOOK),
        name="password_reset_complete",
    ),
]
