package com.example.orders;

/** Stands in for a Spring Boot application class. */
public final class OrdersApplication {

    private OrdersApplication() {
    }

    public static void main(String[] args) {
        System.out.println("orders");
    }
}
